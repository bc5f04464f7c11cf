BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    $script:package = $env:GOENVTOOLS_PACKAGE
    if (-not $package -or -not (Test-Path -LiteralPath $package)) {
        throw "GOENVTOOLS_PACKAGE ('$package') names no package: run the tests through build.ps1 -Task Test, which makes it."
    }
    $script:manifest = Import-PowerShellDataFile (Get-TestModulePath)
    $script:moduleRoot = Split-Path (Get-TestModulePath)

    # The entries of the zip, without the ones NuGet itself adds around the content.
    $zip = [IO.Compression.ZipFile]::OpenRead($package)
    try {
        $script:entries = @($zip.Entries | ForEach-Object FullName)
        $nuspecEntry = $zip.Entries | Where-Object FullName -eq 'GoEnvTools.nuspec'
        $reader = [IO.StreamReader]::new($nuspecEntry.Open())
        try { $script:nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
    }
    finally {
        $zip.Dispose()
    }
    $script:content = @($entries | Where-Object {
            $_ -notmatch '^(_rels/|package/services/|\[Content_Types\]\.xml$|GoEnvTools\.nuspec$)'
        } | Sort-Object)
}

Describe 'The package that build.ps1 -Task Package makes' {
    It 'is named after the module and its version' {
        Split-Path -Leaf $package | Should -Be "GoEnvTools.$($manifest.ModuleVersion).nupkg"
    }

    It 'holds exactly the built module, and no test, fixture or benchmark' {
        $built = @(Get-ChildItem -LiteralPath $moduleRoot -Recurse -File |
                ForEach-Object { [IO.Path]::GetRelativePath($moduleRoot, $_.FullName).Replace('\', '/') } | Sort-Object)
        $content | Should -Be $built
        $content | Should -Contain 'GoEnvTools.psd1'
        $content | Should -Contain 'GoEnvTools.Cmdlets.dll'
        $content | Should -Contain 'Dependencies/YamlDotNet.dll'
        $content | Should -Contain 'en-US/GoEnvTools.Cmdlets.dll-Help.xml'
        $content | Should -Contain 'LICENSE'
        $content | Where-Object { $_ -match '(?i)(^|/)(tests?|bench|fixtures?)/|\.Tests\.ps1$|\.Bench\.ps1$|\.pdb$' } | Should -BeNullOrEmpty
    }

    It 'describes the module from its manifest: version, tags, licence, project and release notes' {
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'GoEnvTools'
        $meta.version | Should -Be $manifest.ModuleVersion
        $meta.authors | Should -Be $manifest.Author
        $meta.description | Should -Be $manifest.Description
        $tags = $meta.tags -split ' '
        foreach ($tag in 'PSModule', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            $tags | Should -Contain $tag
        }
        $meta.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        $meta.projectUrl | Should -Be 'https://github.com/goenvtools/GoEnvTools'
        $meta.releaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe 'Save-PSResource from a file repository' {
    BeforeAll {
        $script:repoName = 'GoEnvToolsTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $repoPath = Join-Path $TestDrive 'repository'
        New-Item -ItemType Directory -Path $repoPath | Out-Null
        Copy-Item -LiteralPath $package -Destination $repoPath
        Register-PSResourceRepository -Name $repoName -Uri $repoPath -Trusted
        $script:savePath = Join-Path $TestDrive 'saved'
        New-Item -ItemType Directory -Path $savePath | Out-Null
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repoName -ErrorAction Ignore
    }

    It 'finds the package in the repository with its version' {
        $found = Find-PSResource -Name GoEnvTools -Repository $repoName
        $found.Name | Should -Be 'GoEnvTools'
        $found.Version.ToString() | Should -Be $manifest.ModuleVersion
        $found.Tags | Should -Contain 'PSEdition_Core'
    }

    It 'saves the module, which imports by path in a fresh pwsh and runs Test-GoEnvironment' {
        Save-PSResource -Name GoEnvTools -Repository $repoName -Path $savePath -TrustRepository
        $saved = Join-Path $savePath "GoEnvTools/$($manifest.ModuleVersion)/GoEnvTools.psd1"
        $saved | Should -Exist

        # A HOME whose VS Code user settings do not parse, so there is always a finding (GOENV010) to report.
        $homeDir = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory -Force -Path "$homeDir/.config/Code/User" | Out-Null
        Set-Content -LiteralPath "$homeDir/.config/Code/User/settings.json" -Value '{ "go.toolsEnvVars": { "GOFLAGS": '
        $script = @'
$env:HOME = $env:GOENVTOOLS_HOME
$env:XDG_CONFIG_HOME = $null
$module = Import-Module $env:GOENVTOOLS_SAVED -PassThru
$findings = @(Test-GoEnvironment)
[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Count      = $findings.Count
    Types      = @($findings | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique)
    Ids        = @($findings | ForEach-Object Id)
    Severities = @($findings | ForEach-Object { $_.Severity.GetType().FullName } | Sort-Object -Unique)
} | ConvertTo-Json -Compress
'@
        $env:GOENVTOOLS_SAVED = $saved
        $env:GOENVTOOLS_HOME = $homeDir
        try { $json = Invoke-FreshPwsh -Command $script } finally { $env:GOENVTOOLS_SAVED = $null; $env:GOENVTOOLS_HOME = $null }
        $result = $json | ConvertFrom-Json
        $result.ModuleBase | Should -Be (Split-Path $saved)
        $result.Ids | Should -Contain 'GOENV010'
        $result.Types | Should -Be @('GoEnvTools.GoEnvFinding')
        $result.Severities | Should -Be @('GoEnvTools.Severity')
        foreach ($id in $result.Ids) { $id | Should -Match '^GOENV\d{3}$' }
    }
}
