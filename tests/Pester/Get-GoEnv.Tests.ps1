<#
    Get-GoEnv with the real go 1.19 of Debian (golang-1.19-go), under environments that differ from the current one,
    and with fake go programs for the failure paths.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    $script:goRoot = '/usr/lib/go-1.19'
    $script:goBinary = '/usr/lib/go-1.19/bin/go'

    # A snapshot whose whole environment is the given one (go gets nothing else).
    function New-TestSnapshot([System.Collections.Specialized.OrderedDictionary] $Variables, [string] $WorkingDirectory) {
        $snapshot = [GoEnvTools.GoEnvSnapshot]::new()
        $snapshot.Source = 'test snapshot'
        $snapshot.EnvironmentStatus = 'Ok'
        $snapshot.Variables = $Variables
        if ($WorkingDirectory) { $snapshot.WorkingDirectory = $WorkingDirectory }
        $snapshot
    }

    function New-GoVariables([string] $Path, [string] $GoPath) {
        $v = [System.Collections.Specialized.OrderedDictionary]::new()
        $v['PATH'] = $Path
        $v['HOME'] = Join-Path $TestDrive 'home'
        $v['GOPATH'] = $GoPath
        $v['GOCACHE'] = Join-Path $TestDrive 'gocache'
        $v['GOTOOLCHAIN'] = 'local'
        $v['GOFLAGS'] = '-mod=mod'
        $v
    }

    # A fake go: prints the given text for each subcommand and exits with the given code.
    function New-FakeGo([string] $Folder, [string] $EnvOutput, [string] $VersionOutput, [int] $ExitCode = 0, [string] $Stderr = '') {
        New-Item -ItemType Directory -Force -Path $Folder | Out-Null
        $script = @"
#!/bin/sh
if [ "`$1" = version ]; then printf '%s\n' '$VersionOutput'; exit 0; fi
printf '%s' '$Stderr' >&2
printf '%s' '$EnvOutput'
exit $ExitCode
"@
        $path = Join-Path $Folder 'go'
        [IO.File]::WriteAllText($path, $script)
        chmod +x $path
        $path
    }
}

Describe 'Get-GoEnv with the real go' -Tag 'Integration' {
    BeforeAll {
        $script:goPath = Join-Path $TestDrive 'gopath from snapshot'
        $script:work = Join-Path $TestDrive 'work'
        New-Item -ItemType Directory -Force -Path $work, (Join-Path $TestDrive 'home') | Out-Null
        [IO.File]::WriteAllText((Join-Path $work 'go.mod'), "module example.test/work`n`ngo 1.19`n")
        if (Test-Path $goBinary) {
            $script:snapshot = New-TestSnapshot (New-GoVariables "$goRoot/bin:/usr/bin:/bin" $goPath) $work
            $script:result = $snapshot | Get-GoEnv
        }
    }

    It 'runs the go the snapshot''s PATH finds, with the snapshot''s GOPATH' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $result.PSObject.TypeNames | Should -Contain 'GoEnvTools.GoEnvResult'
        $result.GoBinary | Should -Be $goBinary
        $result.Values['GOPATH'] | Should -Be $goPath
        $result.Values['GOPATH'] | Should -Not -Be (& $goBinary env GOPATH)
        $result.Values['GOROOT'] | Should -Be $goRoot
        $result.Values['GOFLAGS'] | Should -Be '-mod=mod'
    }

    It 'gives GoVersion from GOVERSION' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $result.GoVersion | Should -Match '^go1\.19(\.\d+)?$'
        $result.GoVersion | Should -Be $result.Values['GOVERSION']
    }

    It 'runs in the snapshot''s WorkingDirectory, unless -WorkingDirectory says otherwise' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $result.WorkingDirectory | Should -Be $work
        $result.Values['GOMOD'] | Should -Be (Join-Path $work 'go.mod')
        $elsewhere = $snapshot | Get-GoEnv -WorkingDirectory $TestDrive
        $elsewhere.WorkingDirectory | Should -Be $TestDrive
        $elsewhere.Values['GOMOD'] | Should -Be '/dev/null'
    }

    It 'keeps the values in go''s order, as strings' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $json = & /usr/bin/env -i "PATH=$goRoot/bin:/usr/bin:/bin" "HOME=$TestDrive/home" "GOPATH=$goPath" "GOCACHE=$TestDrive/gocache" GOTOOLCHAIN=local GOFLAGS=-mod=mod /bin/sh -c "cd '$work' && exec go env -json" | ConvertFrom-Json
        @($result.Values.Keys) | Should -Be @($json.PSObject.Properties.Name)
        # GOGCCFLAGS names a fresh go-build temporary folder on every run.
        foreach ($p in $json.PSObject.Properties | Where-Object Name -ne 'GOGCCFLAGS') { $result.Values[$p.Name] | Should -BeExactly ([string]$p.Value) -Because $p.Name }
        $result.Values['GOGCCFLAGS'] | Should -Match '-fdebug-prefix-map='
    }

    It 'uses the current environment when nothing is piped in' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $savedPath = $env:PATH
        $savedGoPath = $env:GOPATH
        try {
            $env:PATH = "$goRoot/bin:$env:PATH"
            $env:GOPATH = Join-Path $TestDrive 'current gopath'
            $current = Get-GoEnv
            $current.GoBinary | Should -Be $goBinary
            $current.Values['GOPATH'] | Should -Be $env:GOPATH
            $current.WorkingDirectory | Should -Be (Get-Location).ProviderPath
        }
        finally {
            $env:PATH = $savedPath
            $env:GOPATH = $savedGoPath
        }
    }

    It 'reads a process environment that came back from Start-Job' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $info = [Diagnostics.ProcessStartInfo]::new('/bin/sleep', '300')
        $info.UseShellExecute = $false
        $info.WorkingDirectory = $work
        $info.Environment.Clear()
        $variables = New-GoVariables "$goRoot/bin:/usr/bin:/bin" (Join-Path $TestDrive 'gopath of sleeper')
        foreach ($k in $variables.Keys) { $info.Environment[$k] = $variables[$k] }
        $sleeper = [Diagnostics.Process]::Start($info)
        try {
            $module = Get-TestModulePath
            $deserialized = Start-Job { param($m, $id) Import-Module $m; Get-ProcessEnvironment -Id $id } -ArgumentList $module, $sleeper.Id |
                Receive-Job -Wait -AutoRemoveJob
            $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.ProcessEnvironment'
            $fromJob = $deserialized | Get-GoEnv
            $fromJob.Values['GOPATH'] | Should -Be (Join-Path $TestDrive 'gopath of sleeper')
            $fromJob.WorkingDirectory | Should -Be $work
            $fromJob.Source | Should -Match "process $($sleeper.Id)"
        }
        finally {
            $sleeper.Kill(); $sleeper.WaitForExit()
        }
    }

    It 'reads a shell snapshot that came back from Start-Job, with the GOPATH its profile sets' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        if (-not (Test-Component -Path /usr/bin/bash -Package bash)) { return }
        $shellHome = Join-Path $TestDrive 'shell home'
        New-Item -ItemType Directory -Force -Path $shellHome | Out-Null
        $profileGoPath = Join-Path $TestDrive 'gopath from profile'
        [IO.File]::WriteAllText((Join-Path $shellHome '.bash_profile'), "export PATH=`"$goRoot/bin:`$PATH`"`nexport GOPATH='$profileGoPath'`nexport GOTOOLCHAIN=local`n")
        $savedHome = $env:HOME
        try {
            $env:HOME = $shellHome
            $module = Get-TestModulePath
            $deserialized = Start-Job { param($m, $dir) Import-Module $m; Get-ShellEnvironment -Shell /usr/bin/bash -WorkingDirectory $dir } -ArgumentList $module, $work |
                Receive-Job -Wait -AutoRemoveJob
        }
        finally {
            $env:HOME = $savedHome
        }
        $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvSnapshot'
        $fromShell = $deserialized | Get-GoEnv
        $fromShell.GoBinary | Should -Be $goBinary
        $fromShell.Values['GOPATH'] | Should -Be $profileGoPath
        $fromShell.WorkingDirectory | Should -Be $work
        $fromShell.Source | Should -Be 'shell /usr/bin/bash -i -l -c'
    }

    It 'keeps Values a dictionary of strings after Start-Job' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $module = Get-TestModulePath
        $back = Start-Job { param($m, $snap) Import-Module $m; $snap | Get-GoEnv } -ArgumentList $module, $snapshot |
            Receive-Job -Wait -AutoRemoveJob
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvResult'
        $back.Values['GOPATH'] | Should -BeOfType [string]
        $back.Values['GOPATH'] | Should -Be $goPath
        $back.GoVersion | Should -Be $result.GoVersion
        ($back | Format-Table | Out-String -Width 300) | Should -Match ([regex]::Escape($result.GoVersion))
    }

    It 'is shown by the table view within 120 columns and by the list view with every value' {
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $table = @(($result | Format-Table | Out-String -Width 300) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ })
        $table[0] | Should -Match '^GoVersion\s+GOROOT\s+GOPATH\s+GoBinary\s+WorkingDirectory$'
        ($table | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
        $list = $result | Format-List | Out-String -Width 300
        $list | Should -Match ([regex]::Escape("GOPATH=$goPath"))
        $list | Should -Match "GoBinary\s+: $([regex]::Escape($goBinary))"
    }
}

Describe 'Get-GoEnv when go is missing or fails' {
    It 'writes NotInstalled, naming the PATH searched, when the PATH holds no go' {
        $empty = Join-Path $TestDrive 'empty'
        New-Item -ItemType Directory -Force -Path $empty | Out-Null
        $snapshot = New-TestSnapshot (New-GoVariables "${empty}:/nonexistent" 'x')
        $result = $snapshot | Get-GoEnv -ErrorVariable errors -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NotInstalled*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape("${empty}:/nonexistent"))
    }

    It 'writes GoCommandFailed with go''s standard error when go fails' {
        $bin = Join-Path $TestDrive 'failing'
        $null = New-FakeGo $bin -EnvOutput '' -VersionOutput 'go version go1.99.0 linux/amd64' -ExitCode 2 -Stderr 'go: unknown GOFLAGS value -bogus'
        $snapshot = New-TestSnapshot (New-GoVariables "${bin}:/usr/bin:/bin" 'x')
        $snapshot | Get-GoEnv -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'GoCommandFailed*'
        $errors[0].Exception.Message | Should -Match 'exit code 2'
        $errors[0].Exception.Message | Should -Match 'unknown GOFLAGS value -bogus'
    }

    It 'asks go version when go env has no GOVERSION (go before 1.16)' {
        $bin = Join-Path $TestDrive 'oldgo'
        $fake = New-FakeGo $bin -EnvOutput '{"GOPATH": "/old/gopath", "GOROOT": "/old/root"}' -VersionOutput 'go version go1.15.15 linux/amd64'
        $result = New-TestSnapshot (New-GoVariables "${bin}:/usr/bin:/bin" 'x') | Get-GoEnv
        $result.GoBinary | Should -Be $fake
        $result.GoVersion | Should -Be 'go1.15.15'
        $result.Values['GOPATH'] | Should -Be '/old/gopath'
    }

    It 'writes EnvironmentUnavailable for a process whose environment could not be read' {
        $snapshot = [GoEnvTools.GoEnvSnapshot]::new()
        $snapshot.Source = 'process 1 (init)'
        $snapshot.EnvironmentStatus = 'AccessDenied'
        $snapshot | Get-GoEnv -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'EnvironmentUnavailable*'
        $errors[0].Exception.Message | Should -Match 'AccessDenied'
    }
}
