BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:go = '/usr/lib/go-1.19/bin/go'
    $script:savedShell = @{ SHELL = $env:SHELL; DBUS_SESSION_BUS_ADDRESS = $env:DBUS_SESSION_BUS_ADDRESS; XDG_RUNTIME_DIR = $env:XDG_RUNTIME_DIR }
    $env:SHELL = '/bin/bash'
    # Keep this machine's systemd user manager out of reach (the GUI environment check asks systemctl --user).
    $noBus = Join-Path $TestDrive 'no-bus'
    New-Item -ItemType Directory $noBus | Out-Null
    $env:XDG_RUNTIME_DIR = $noBus
    $env:DBUS_SESSION_BUS_ADDRESS = "unix:path=$noBus/bus"
}

AfterAll {
    foreach ($name in $savedShell.Keys) { Set-Item -Path "env:$name" -Value $savedShell[$name] }
}

Describe 'Set-GoEnvConfig and Remove-GoEnvConfig with the real go 1.19' {
    BeforeEach {
        $script:home2 = Use-TestHome -Root $TestDrive
        $script:envFile = "$home2/.config/go/env"
        # The login shell (bash -l reads ~/.bash_profile) is where go is on PATH; the session's PATH may lack it.
        Set-Content "$home2/.bash_profile" "export PATH=/usr/lib/go-1.19/bin:`$PATH`nexport GOCACHE=$home2/cache"
    }
    AfterEach { Restore-TestHome }

    It 'finds go on the login shell''s PATH, runs go env -w and names the file go wrote' {
        if (-not (Test-Component -Path $go -Package golang-1.19-go)) { return }
        $change = Set-GoEnvConfig -Name GOPRIVATE -Value 'example.com/*' -PassThru
        $change.PSObject.TypeNames[0] | Should -Be 'GoEnvTools.GoEnvConfigChange'
        $change.GoBinary | Should -Be $go
        $change.GoEnvFile | Should -Be $envFile
        $change.Status | Should -Be 'Changed'
        Get-Content $envFile | Should -Contain 'GOPRIVATE=example.com/*'
        (& $go env GOPRIVATE) | Should -Be 'example.com/*'
        (Set-GoEnvConfig -Name GOPRIVATE -Value 'example.com/*' -PassThru).Status | Should -Be 'NoChange'
        $table = Get-Rendered $change -As Table
        $table[0] | Should -Match '^Status\s+Name\s+OldValue\s+NewValue\s+GoEnvFile$'
        $table | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
    }

    It 'changes nothing with -WhatIf' {
        if (-not (Test-Component -Path $go -Package golang-1.19-go)) { return }
        Set-GoEnvConfig -Name GOFLAGS -Value '-mod=mod' -GoBinary $go -WhatIf
        Test-Path $envFile | Should -BeFalse
    }

    It 'Remove restores the value the first Set replaced, then is go env -u, then NoChange' {
        if (-not (Test-Component -Path $go -Package golang-1.19-go)) { return }
        New-Item -ItemType Directory (Split-Path $envFile) -Force | Out-Null
        Set-Content $envFile 'GOPROXY=https://before.example'
        (Set-GoEnvConfig GOPROXY 'https://one.example' -GoBinary $go -PassThru).OldValue | Should -Be 'https://before.example'
        Set-GoEnvConfig GOPROXY 'https://two.example' -GoBinary $go
        $restored = Remove-GoEnvConfig GOPROXY -GoBinary $go -PassThru
        $restored.OldValue | Should -Be 'https://two.example'
        $restored.NewValue | Should -Be 'https://before.example'
        Get-Content $envFile | Should -Contain 'GOPROXY=https://before.example'
        (Remove-GoEnvConfig GOPROXY -GoBinary $go -PassThru).NewValue | Should -BeNullOrEmpty
        Get-Content $envFile | Should -Not -Contain 'GOPROXY=https://before.example'
        (Remove-GoEnvConfig GOPROXY -GoBinary $go -PassThru).Status | Should -Be 'NoChange'
    }

    It 'passes go''s own reason when go refuses, and refuses PATH and GOENV itself' {
        if (-not (Test-Component -Path $go -Package golang-1.19-go)) { return }
        $err = $null
        Set-GoEnvConfig NOT_A_GO_VARIABLE 1 -GoBinary $go -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'GoEnvConfigRefused,GoEnvTools.Commands.SetGoEnvConfigCommand'
        "$($err[0])" | Should -BeLike '*go: unknown go command variable NOT_A_GO_VARIABLE*'
        { Set-GoEnvConfig PATH /x -GoBinary $go -ErrorAction Stop } | Should -Throw -ErrorId 'GoEnvConfigRefused,GoEnvTools.Commands.SetGoEnvConfigCommand'
        { Set-GoEnvConfig GOENV /x -GoBinary $go -ErrorAction Stop } | Should -Throw '*GOENV*'
        Test-Path $envFile | Should -BeFalse
    }

    It 'warns when the login shell or the GUI environment also sets the variable' {
        if (-not (Test-Component -Path $go -Package golang-1.19-go)) { return }
        Add-Content "$home2/.bash_profile" 'export GOFLAGS=-mod=vendor'
        Set-GuiEnvironmentVariable GOFLAGS '-mod=readonly' -WarningAction SilentlyContinue
        $warnings = @()
        Set-GoEnvConfig GOFLAGS '-mod=mod' -WarningVariable warnings -WarningAction SilentlyContinue
        $text = $warnings | ForEach-Object { "$_" }
        $text | Where-Object { $_ -like "*login shell's environment ('-mod=vendor')*" } | Should -Not -BeNullOrEmpty
        $text | Where-Object { $_ -like "*GUI environment ('-mod=readonly'*" } | Should -Not -BeNullOrEmpty
        $text | Where-Object { $_ -like '*does not override conflicting OS environment variable*' } | Should -Not -BeNullOrEmpty
    }

    It 'refuses a secret-looking value without -IncludeSecret' {
        if (-not (Test-Component -Path $go -Package golang-1.19-go)) { return }
        { Set-GoEnvConfig GOPROXY 'https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@proxy.example' -GoBinary $go -ErrorAction Stop } |
            Should -Throw -ErrorId 'GoEnvConfigSecretRefused,GoEnvTools.Commands.SetGoEnvConfigCommand'
    }
}
