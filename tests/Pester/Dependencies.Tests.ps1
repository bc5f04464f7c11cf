<#
    The module keeps YamlDotNet 18 in its Dependencies folder and loads it in a load context of its own, so that
    it works beside another module's YamlDotNet (powershell-yaml ships an older one). Each test runs in a fresh
    pwsh, because what matters is which assemblies a session had loaded before the module came.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:modulePath = Get-TestModulePath
    $script:dependencies = Join-Path (Split-Path $modulePath) 'Dependencies'

    # An older YamlDotNet, the way another module would bring one: restored from NuGet like Pester.
    $restore = Join-Path $PSScriptRoot 'tools/OldYamlDotNet/OldYamlDotNet.Restore.csproj'
    dotnet restore $restore --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet restore $restore failed with exit code $LASTEXITCODE." }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((dotnet nuget locals global-packages --list | Select-Object -First 1) -replace '^global-packages:\s*', '').Trim()
    }
    $script:oldYaml = Join-Path $packages 'yamldotnet/13.1.1/lib/netstandard2.0/YamlDotNet.dll'
    if (-not (Test-Path $oldYaml)) { throw "YamlDotNet 13.1.1 was restored but $oldYaml is missing." }

    <#
        Runs a script in a new pwsh (no profile) with $ModulePath and $OldYaml set, and returns what the script
        wrote as JSON on its last line. The script's errors fail the test with the child's own message.
    #>
    function Invoke-FreshPwsh {
        param([Parameter(Mandatory)] [string] $Script)
        $file = Join-Path $TestDrive ('child-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -Path $file -Value @(
            'param([string] $ModulePath, [string] $OldYaml)'
            '$ErrorActionPreference = ''Stop'''
            $Script
        )
        $host_ = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { @($host_, (Join-Path $PSHOME 'pwsh.dll')) } else { @($host_) }
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file -ModulePath $modulePath -OldYaml $oldYaml 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed ($LASTEXITCODE):`n$($output -join "`n")" }
        @($output)[-1] | ConvertFrom-Json
    }

    # Shared by the child scripts: the loaded YamlDotNet assemblies, the module's round trip, and where it loaded from.
    $script:probe = @'
function Get-YamlDotNetCopies {
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object {
        [pscustomobject]@{
            Version = $_.GetName().Version.ToString()
            Path    = $_.Location
            Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
        }
    }
}
function Test-RoundTrip {
    $doc = [ordered]@{
        PATH      = '/usr/local/go/bin:/usr/bin'
        LOOKS_NUM = '0123'
        LOOKS_YES = 'yes'
        WORD_NULL = 'null'
        MULTILINE = "one`r`ntwo`n"
        CONTROL   = "bell$([char]7)esc$([char]27)"
        QUOTES    = "it's `"quoted`""
        UNICODE   = 'Grüße 日本 😀'
        NOTHING   = $null
    }
    $results = foreach ($format in 'Yaml', 'Json') {
        $back = [GoEnvTools.YamlDocuments]::Parse([GoEnvTools.YamlDocuments]::Write($doc, $format))
        $same = ($back.Keys -join '|') -ceq ($doc.Keys -join '|')
        foreach ($k in $doc.Keys) { $same = $same -and ($back[$k] -ceq $doc[$k]) -and (($null -eq $back[$k]) -eq ($null -eq $doc[$k])) }
        $same
    }
    -not ($results -contains $false)
}
function Get-ModuleYaml {
    $lib = [GoEnvTools.YamlDocuments]::YamlLibrary
    [pscustomobject]@{
        Version = $lib.GetName().Version.ToString()
        Path    = $lib.Location
        Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($lib).Name
    }
}
function Test-ResolverInstalled {
    [GoEnvTools.YamlDocuments].Assembly.GetType('GoEnvTools.ModuleDependencies').GetProperty('IsInstalled').GetValue($null)
}
'@
}

Describe 'YamlDotNet in the Dependencies folder' {
    It 'is where the build put it, not beside the root assembly' {
        Join-Path $dependencies 'YamlDotNet.dll' | Should -Exist
        Join-Path $dependencies 'GoEnvTools.Yaml.dll' | Should -Exist
        Join-Path (Split-Path $modulePath) 'YamlDotNet.dll' | Should -Not -Exist
        [Reflection.AssemblyName]::GetAssemblyName((Join-Path $dependencies 'YamlDotNet.dll')).Version.Major | Should -Be 18
    }

    It 'is used by the module when another module loaded YamlDotNet 13 first, and the old one keeps working' {
        $result = Invoke-FreshPwsh -Script ($probe + @'
Add-Type -Path $OldYaml
Import-Module $ModulePath
$roundTrip = Test-RoundTrip
# The other module's YamlDotNet still serves it after ours came.
$old = [YamlDotNet.Serialization.SerializerBuilder]::new().Build()
[pscustomobject]@{
    RoundTrip   = $roundTrip
    ModuleYaml  = Get-ModuleYaml
    Copies      = @(Get-YamlDotNetCopies)
    OldVersion  = $old.GetType().Assembly.GetName().Version.ToString()
    OldWrites   = $old.Serialize(@{ key = 'value' }).Trim()
} | ConvertTo-Json -Compress -Depth 4
'@)
        $result.RoundTrip | Should -BeTrue
        $result.ModuleYaml.Version | Should -Be '18.0.0.0'
        $result.ModuleYaml.Path | Should -Be (Join-Path $dependencies 'YamlDotNet.dll')
        $result.ModuleYaml.Context | Should -Be 'GoEnvTools'

        $result.Copies.Count | Should -Be 2
        $oldCopy = $result.Copies | Where-Object Version -eq '13.0.0.0'
        $oldCopy.Path | Should -Be $oldYaml
        $oldCopy.Context | Should -Be 'Default'
        $result.OldVersion | Should -Be '13.0.0.0'
        $result.OldWrites | Should -Be 'key: value'
    }

    It 'leaves the default context free, so a module that loads YamlDotNet 13 after it still can' {
        $result = Invoke-FreshPwsh -Script ($probe + @'
Import-Module $ModulePath
$first = Test-RoundTrip
Add-Type -Path $OldYaml
$old = [YamlDotNet.Serialization.SerializerBuilder]::new().Build()
[pscustomobject]@{
    RoundTrip  = $first -and (Test-RoundTrip)
    OldVersion = $old.GetType().Assembly.GetName().Version.ToString()
    OldWrites  = $old.Serialize(@{ key = 'value' }).Trim()
    ModuleYaml = Get-ModuleYaml
} | ConvertTo-Json -Compress -Depth 4
'@)
        $result.RoundTrip | Should -BeTrue
        $result.OldVersion | Should -Be '13.0.0.0'
        $result.OldWrites | Should -Be 'key: value'
        $result.ModuleYaml.Version | Should -Be '18.0.0.0'
    }

    It 'works without any other YamlDotNet, loading only its own' {
        $result = Invoke-FreshPwsh -Script ($probe + @'
Import-Module $ModulePath
[pscustomobject]@{
    RoundTrip = Test-RoundTrip
    Copies    = @(Get-YamlDotNetCopies)
} | ConvertTo-Json -Compress -Depth 4
'@)
        $result.RoundTrip | Should -BeTrue
        $result.Copies.Count | Should -Be 1
        $result.Copies[0].Path | Should -Be (Join-Path $dependencies 'YamlDotNet.dll')
        $result.Copies[0].Context | Should -Be 'GoEnvTools'
    }

    It 'loads nothing from Dependencies until YAML is used' {
        $result = Invoke-FreshPwsh -Script ($probe + @'
Import-Module $ModulePath
$null = Get-ProcessEnvironment -Id $PID
[pscustomobject]@{
    Copies    = @(Get-YamlDotNetCopies)
    Installed = Test-ResolverInstalled
} | ConvertTo-Json -Compress -Depth 4
'@)
        $result.Copies.Count | Should -Be 0
        $result.Installed | Should -BeTrue
    }

    It 'removes its resolver on Remove-Module, and works again after Import-Module' {
        $result = Invoke-FreshPwsh -Script ($probe + @'
Add-Type -Path $OldYaml
Import-Module $ModulePath
$first = Test-RoundTrip
$installedFirst = Test-ResolverInstalled
Remove-Module GoEnvTools
$afterRemove = Test-ResolverInstalled
Import-Module $ModulePath
[pscustomobject]@{
    First          = $first
    InstalledFirst = $installedFirst
    AfterRemove    = $afterRemove
    AfterReimport  = Test-ResolverInstalled
    Second         = Test-RoundTrip
    ModuleYaml     = Get-ModuleYaml
    Copies         = @(Get-YamlDotNetCopies)
} | ConvertTo-Json -Compress -Depth 4
'@)
        $result.First | Should -BeTrue
        $result.InstalledFirst | Should -BeTrue
        $result.AfterRemove | Should -BeFalse
        $result.AfterReimport | Should -BeTrue
        $result.Second | Should -BeTrue
        $result.ModuleYaml.Path | Should -Be (Join-Path $dependencies 'YamlDotNet.dll')
        # Importing again reuses what is loaded: still one copy of ours beside the old one.
        $result.Copies.Count | Should -Be 2
    }
}
