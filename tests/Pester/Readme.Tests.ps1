<#
    The README's examples, run as they are written: the 30-second tour against a real gopls whose PATH lacks go while
    the login shell's has it, and the dotfile bootstrap script, twice, in a temporary HOME. The commands are read
    from README.md itself, so an example that is edited there is the one tested.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'EditorEmulation.psm1') -Force
    $script:readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $script:goRoot = '/usr/lib/go-1.19'
    $script:dotnet = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'

    # The first powershell code block after a heading.
    function Get-ReadmeBlock([string] $Heading) {
        $start = $readme.IndexOf("## $Heading")
        if ($start -lt 0) { throw "README.md has no section '$Heading'." }
        $match = [regex]::new('```powershell\r?\n(.*?)```', 'Singleline').Match($readme, $start)
        if (-not $match.Success) { throw "The section '$Heading' of README.md has no powershell block." }
        $match.Groups[1].Value
    }

    # A temporary HOME whose login profile puts go on PATH (through a link, as an SDK folder often is).
    function New-TourHome([string] $Name) {
        $homeDir = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Force -Path "$homeDir/sdk" | Out-Null
        & ln -s $goRoot "$homeDir/sdk/go"
        Set-Content -LiteralPath "$homeDir/.profile" -Value "export PATH=""$homeDir/sdk/go/bin:`$PATH"""
        $homeDir
    }

    function Get-TerminalEnvironment([string] $HomeDir) {
        [ordered]@{
            HOME = $HomeDir; SHELL = '/bin/bash'; PATH = '/usr/bin:/bin'; USER = 'root'; LANG = 'C.UTF-8'; TERM = 'dumb'
            DOTNET_CLI_HOME = $HomeDir; DOTNET_NOLOGO = '1'; DOTNET_CLI_TELEMETRY_OPTOUT = '1'
            PSModulePath = Split-Path (Split-Path (Get-TestModulePath))
        }
    }
}

Describe 'The 30-second tour of the README' -Tag 'Integration' {
    BeforeAll {
        $script:tour = @((Get-ReadmeBlock 'A 30-second tour') -split '\r?\n' | Where-Object { $_.Trim() })
    }

    It 'has the four commands the README promises' {
        $tour | Should -Be @(
            'Test-GoEnvironment'
            'Get-GoplsEnvironment | Format-Table'
            'Compare-GoEnvSnapshot (Get-ShellEnvironment) (Get-GoplsEnvironment)'
            'Test-GoEnvironment | Repair-GoEnvironment -WhatIf'
        )
    }

    It 'runs each command without an error, next to a real gopls that cannot find go' {
        foreach ($tool in '/usr/bin/gopls', "$goRoot/bin/go") {
            if (-not (Test-Component -Path $tool -Package ($tool -eq '/usr/bin/gopls' ? 'gopls' : 'golang-1.19-go'))) { return }
        }
        $homeDir = New-TourHome 'tour'
        # VS Code is installed (its user folder exists) but has no settings.json yet.
        New-Item -ItemType Directory -Force -Path "$homeDir/.config/Code/User" | Out-Null
        # In a PID namespace of its own (unshare), where the gopls started here is the only one.
        $lines = ($tour | ForEach-Object { "'" + $_.Replace("'", "''") + "'" }) -join ', '
        $command = @"
`$ProgressPreference = 'SilentlyContinue'
`$info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/gopls')
foreach (`$a in 'serve', '-listen=127.0.0.1:0') { `$info.ArgumentList.Add(`$a) }
`$info.UseShellExecute = `$false
`$info.RedirectStandardError = `$true
`$info.Environment['PATH'] = '/usr/bin:/bin'
`$gopls = [Diagnostics.Process]::Start(`$info)
"gopls=`$(`$gopls.Id)"
foreach (`$line in @($lines)) {
    "@@@ `$line"
    `$Error.Clear()
    Invoke-Expression `$line | Out-String -Width 250 -Stream
    "errors=`$(`$Error.Count) `$(`$Error | ForEach-Object { `$_.ToString() })"
}
`$gopls.Kill()
"@
        $run = @('/usr/bin/unshare', '--pid', '--fork', '--mount-proc', $dotnet, $pwshDll, '-NoProfile', '-NonInteractive', '-Command', $command)
        $result = Invoke-WithEnvironment -Environment (Get-TerminalEnvironment $homeDir) -Command $run -TimeoutSeconds 180
        $result.ExitCode | Should -Be 0 -Because $result.Error
        $goplsId = [regex]::Match($result.Output, 'gopls=(\d+)').Groups[1].Value
        $sections = @{}
        foreach ($part in $result.Output -split '@@@ ' | Select-Object -Skip 1) {
            $first, $rest = $part -split '\r?\n', 2
            $sections[$first.Trim()] = $rest
        }
        foreach ($line in $tour) {
            $sections[$line] | Should -Match '(?m)^errors=0 ' -Because "'$line' wrote: $($sections[$line])"
        }

        # gopls's PATH has no go; the login shell's has the SDK's.
        $sections[$tour[0]] | Should -Match 'GOENV001'
        $sections[$tour[1]] | Should -Match "(?m)^\s*$goplsId\s"
        $sections[$tour[2]] | Should -Match '(?m)^\s*<>\s+PATH\b'
        $sections[$tour[3]] | Should -Match 'What if'
        "$homeDir/.config/Code/User/settings.json" | Should -Not -Exist -Because '-WhatIf changes nothing'
    }
}

Describe 'The dotfile bootstrap script of the README' -Tag 'Integration' {
    It 'configures the settings on its first run and changes nothing on its second' {
        if (-not (Test-Component -Path "$goRoot/bin/go" -Package 'golang-1.19-go')) { return }
        $homeDir = New-TourHome 'bootstrap'
        $script = Join-Path $homeDir 'bootstrap-go.ps1'
        Set-Content -LiteralPath $script -Value (Get-ReadmeBlock 'Use from a dotfile bootstrap script')
        $run = @($dotnet, $pwshDll, '-NoProfile', '-NonInteractive', '-File', $script)

        $first = Invoke-WithEnvironment -Environment (Get-TerminalEnvironment $homeDir) -Command $run -TimeoutSeconds 180
        $first.ExitCode | Should -Be 0 -Because "$($first.Output) $($first.Error)"
        $settings = "$homeDir/.config/Code/User/settings.json"
        $settings | Should -Exist
        (Read-WithJsoncParser -Path $settings).value.'go.toolsEnvVars'.PATH | Should -Be "$homeDir/sdk/go/bin:`${env:PATH}"
        $first.Output | Should -Match '(?m)^go\.toolsEnvVars\.PATH\s+Changed'
        $before = Get-Content -Raw $settings

        $second = Invoke-WithEnvironment -Environment (Get-TerminalEnvironment $homeDir) -Command $run -TimeoutSeconds 180
        $second.ExitCode | Should -Be 0 -Because "$($second.Output) $($second.Error)"
        $second.Output | Should -Match '(?m)^go\.toolsEnvVars\.PATH\s+NoChange'
        $second.Output | Should -Not -Match '\bChanged\b'
        Get-Content -Raw $settings | Should -BeExactly $before
    }
}
