BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:generator = '/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator'

    # No test may reach this machine's own systemd user manager: both ways systemctl --user finds its bus point
    # into an empty folder, so it cannot connect.
    $script:savedBus = @{ DBUS_SESSION_BUS_ADDRESS = $env:DBUS_SESSION_BUS_ADDRESS; XDG_RUNTIME_DIR = $env:XDG_RUNTIME_DIR }
    $script:noBus = Join-Path $TestDrive 'no-bus'
    New-Item -ItemType Directory $noBus | Out-Null
    $env:XDG_RUNTIME_DIR = $noBus
    $env:DBUS_SESSION_BUS_ADDRESS = "unix:path=$noBus/bus"

    # systemd's generator run on the temporary HOME: its lines, as systemd prints them.
    function Invoke-Generator {
        & $generator 2>&1 | ForEach-Object { "$_" }
    }
}

AfterAll {
    foreach ($name in $savedBus.Keys) { Set-Item -Path "env:$name" -Value $savedBus[$name] }
}

Describe 'Set-GuiEnvironmentVariable on Linux (environment.d)' {
    BeforeEach {
        $script:home2 = Use-TestHome -Root $TestDrive
        $script:conf = "$home2/.config/environment.d/60-goenvtools.conf"
    }
    AfterEach { Restore-TestHome }

    It 'writes <Value> so that systemd''s own generator prints <Printed>' -ForEach @(
        @{ Value = 'plain'; Printed = 'GOENVTOOLS_T=plain' }
        @{ Value = 'a b $HOME'; Printed = 'GOENVTOOLS_T="a b \$HOME"' }
        @{ Value = '${PATH}:/opt/go/bin'; Printed = 'GOENVTOOLS_T="\${PATH}:/opt/go/bin"' }
        @{ Value = 'say "hi"'; Printed = 'GOENVTOOLS_T="say \"hi\""' }
        @{ Value = "it's"; Printed = 'GOENVTOOLS_T="it''s"' }
        @{ Value = 'C:\dir\'; Printed = 'GOENVTOOLS_T="C:\\dir\\"' }
        @{ Value = '  padded  '; Printed = 'GOENVTOOLS_T="  padded  "' }
        @{ Value = "two`nlines"; Printed = 'GOENVTOOLS_T="two\nlines"' }
        @{ Value = 'cost $$5'; Printed = 'GOENVTOOLS_T="cost \$\$5"' }
    ) {
        if (-not (Test-Component -Path $generator -Package systemd)) { return }
        Set-GuiEnvironmentVariable -Name GOENVTOOLS_T -Value $Value -WarningAction SilentlyContinue
        Invoke-Generator | Should -Contain $Printed
        (Get-GuiEnvironment).Variables['GOENVTOOLS_T'] | Should -BeExactly $Value
    }

    It 'changes nothing with -WhatIf' {
        Set-GuiEnvironmentVariable -Name GOFLAGS -Value '-mod=mod' -WhatIf
        Test-Path $conf | Should -BeFalse
    }

    It 'says NoChange on a second run, and Remove undoes it and then says NoChange' {
        $first = Set-GuiEnvironmentVariable GOFLAGS '-mod=mod' -PassThru -WarningAction SilentlyContinue
        $first.Status | Should -Be 'Changed'
        $first.Store | Should -Be 'EnvironmentD'
        $first.Path | Should -Be $conf
        $first.RestartNeeded | Should -BeLike '*Log out and in*VS Code*'
        (Set-GuiEnvironmentVariable GOFLAGS '-mod=mod' -PassThru).Status | Should -Be 'NoChange'

        $removed = $first | Remove-GuiEnvironmentVariable -PassThru -WarningAction SilentlyContinue
        $removed.Status | Should -Be 'Changed'
        $removed.Value | Should -BeNullOrEmpty
        $removed.OldValue | Should -Be '-mod=mod'
        Test-Path $conf | Should -BeFalse
        (Remove-GuiEnvironmentVariable GOFLAGS -PassThru).Status | Should -Be 'NoChange'
    }

    It 'keeps the first previous value: Set, Set again, Remove gives back what was there before' {
        if (-not (Test-Component -Path $generator -Package systemd)) { return }
        # Another environment.d file of the user sets GOPROXY; ours, 60-, comes after 50- and wins.
        New-Item -ItemType Directory "$home2/.config/environment.d" -Force | Out-Null
        Set-Content "$home2/.config/environment.d/50-mine.conf" 'GOPROXY=https://mine.example'
        (Set-GuiEnvironmentVariable GOPROXY 'https://one.example' -PassThru -WarningAction SilentlyContinue).OldValue | Should -Be 'https://mine.example'
        Set-GuiEnvironmentVariable GOPROXY 'https://two.example' -WarningAction SilentlyContinue
        Invoke-Generator | Should -Contain 'GOPROXY=https://two.example'
        (Remove-GuiEnvironmentVariable GOPROXY -PassThru -WarningAction SilentlyContinue).Value | Should -Be 'https://mine.example'
        Invoke-Generator | Should -Contain 'GOPROXY=https://mine.example'
        Get-Content "$home2/.config/environment.d/50-mine.conf" | Should -Be 'GOPROXY=https://mine.example'
    }

    It 'writes the file and says so when no systemd user manager answers, without failing' {
        $warnings = @()
        $change = Set-GuiEnvironmentVariable GOBIN '/opt/bin' -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $change.SessionUpdated | Should -BeFalse
        $change.RuntimeNote | Should -BeLike 'No systemd user manager answers*'
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*next login*'
        Get-Content $conf | Should -Contain 'GOBIN="/opt/bin"'
    }

    It 'shows a table within 120 columns and keeps Store as its name after serialization' {
        $change = Set-GuiEnvironmentVariable GOPRIVATE ('example.com/' * 20) -PassThru -WarningAction SilentlyContinue
        $table = Get-Rendered $change -As Table
        $table[0] | Should -Match '^Status\s+Store\s+Name\s+OldValue\s+Value\s+Path$'
        $table | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        (Get-Rendered $change -As List) -join "`n" | Should -BeLike '*RestartNeeded*Log out and in*'
        $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($change))
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.GuiEnvironmentChange'
        $back.Store | Should -BeExactly 'EnvironmentD'
        (Get-Rendered $back -As Table)[0] | Should -Be $table[0]
    }

    It 'refuses a secret without -IncludeSecret' {
        { Set-GuiEnvironmentVariable GITHUB_TOKEN 'abc' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GuiEnvironmentSecretRefused,GoEnvTools.Commands.SetGuiEnvironmentVariableCommand'
        Test-Path $conf | Should -BeFalse
        Set-GuiEnvironmentVariable GITHUB_TOKEN 'abc' -IncludeSecret -WarningAction SilentlyContinue
        Get-Content $conf | Should -Contain 'GITHUB_TOKEN="abc"'
    }

    It 'refuses values environment.d cannot hold, and a file it did not write, changing nothing' {
        { Set-GuiEnvironmentVariable GOFLAGS '' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GuiEnvironmentValueInvalid,GoEnvTools.Commands.SetGuiEnvironmentVariableCommand'
        { Set-GuiEnvironmentVariable 'BAD-NAME' 'x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GuiEnvironmentValueInvalid,GoEnvTools.Commands.SetGuiEnvironmentVariableCommand'
        New-Item -ItemType Directory "$home2/.config/environment.d" -Force | Out-Null
        Set-Content $conf 'HANDWRITTEN=1'
        { Set-GuiEnvironmentVariable GOFLAGS '-mod=mod' -ErrorAction Stop } |
            Should -Throw -ErrorId 'GuiEnvironmentFileInvalid,GoEnvTools.Commands.SetGuiEnvironmentVariableCommand'
        Get-Content $conf | Should -Be 'HANDWRITTEN=1'
    }
}

Describe 'Get-GuiEnvironment on Linux' {
    BeforeEach { $script:home2 = Use-TestHome -Root $TestDrive }
    AfterEach { Restore-TestHome }

    It 'reads environment.d through systemd''s generator when no user manager answers, and says so' {
        if (-not (Test-Component -Path $generator -Package systemd)) { return }
        Set-GuiEnvironmentVariable GOPRIVATE 'example.com/*' -WarningAction SilentlyContinue
        $snapshot = Get-GuiEnvironment
        $snapshot.PSObject.TypeNames[0] | Should -Be 'GoEnvTools.GoEnvSnapshot'
        $snapshot.Source | Should -BeLike "environment.d as the user manager reads it at login ($generator)*no user manager answers*"
        $snapshot.EnvironmentStatus | Should -Be 'Ok'
        $snapshot.Variables['GOPRIVATE'] | Should -Be 'example.com/*'
        $only = Get-GuiEnvironment -Name 'goPRIV*'
        @($only.Variables.Keys) | Should -Be @('GOPRIVATE')
        $only.Source | Should -Be $snapshot.Source
    }

    It 'compares with other snapshots like any snapshot' {
        if (-not (Test-Component -Path $generator -Package systemd)) { return }
        Set-GuiEnvironmentVariable GOFLAGS '-mod=mod' -WarningAction SilentlyContinue
        $rows = Compare-GoEnvSnapshot -Reference (Get-GuiEnvironment) -Difference (Get-GuiEnvironment) -IncludeEqual
        ($rows | Where-Object Name -eq 'GOFLAGS').ChangeKind | Should -Be 'Equal'
    }
}
