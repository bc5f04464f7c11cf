BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Get-ProcessEnvironment' {
    BeforeAll {
        $script:marker = 'marker-' + [guid]::NewGuid()
        $script:sleeper = Start-Sleeper @{ GOENVTOOLS_MARKER = $marker; PATH = '/usr/bin:/bin'; 'WITH=EQUALS' = 'x' }
    }
    AfterAll {
        $sleeper.Kill(); $sleeper.WaitForExit()
    }

    It 'reads exactly the environment the process was started with' {
        $result = Get-ProcessEnvironment -Id $sleeper.Id
        $result.PSObject.TypeNames[0] | Should -Be 'GoEnvTools.ProcessEnvironment'
        $result.EnvironmentStatus | Should -Be 'Ok'
        $result.Environment['GOENVTOOLS_MARKER'] | Should -Be $marker
        $result.Environment['PATH'] | Should -Be '/usr/bin:/bin'
        # "WITH=EQUALS=x": the name ends at the first '='.
        $result.Environment['WITH'] | Should -Be 'EQUALS=x'
        $result.Environment.Count | Should -Be 3
    }

    It 'reports the identity of the process' {
        $result = Get-ProcessEnvironment -Id $sleeper.Id
        $result.ProcessId | Should -Be $sleeper.Id
        $result.ParentProcessId | Should -Be $PID
        $result.Name | Should -Be 'sleep'
        $result.ExecutablePath | Should -Match '/sleep$'
        $result.CommandLine | Should -Be @('/bin/sleep', '300')
        $result.UserName | Should -Be ([Environment]::UserName)
        $result.WorkingDirectory | Should -Be ([Environment]::CurrentDirectory)
        [math]::Abs(($result.StartTime - $sleeper.StartTime).TotalSeconds) | Should -BeLessThan 2
    }

    It 'has no second source to cross-check against on Linux, so -CrossCheck changes nothing' {
        $result = Get-ProcessEnvironment -Id $sleeper.Id -CrossCheck -WarningVariable warnings -WarningAction SilentlyContinue
        $result.EnvironmentStatus | Should -Be 'Ok'
        $result.Environment['GOENVTOOLS_MARKER'] | Should -Be $marker
        $result.PSObject.Properties.Name | Should -Contain 'CrossCheckWarning'
        $result.CrossCheckWarning | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }

    It 'takes Get-Process objects from the pipeline' {
        $result = @(Get-Process -Id $sleeper.Id | Get-ProcessEnvironment)
        $result.Count | Should -Be 1
        $result[0].Environment['GOENVTOOLS_MARKER'] | Should -Be $marker
    }

    It 'takes -ProcessId as an alias, and objects with a ProcessId property' {
        (Get-ProcessEnvironment -ProcessId $sleeper.Id).ProcessId | Should -Be $sleeper.Id
        ([pscustomobject]@{ ProcessId = $sleeper.Id } | Get-ProcessEnvironment).ProcessId | Should -Be $sleeper.Id
    }

    It 'finds processes by name with wildcards' {
        $found = @(Get-ProcessEnvironment -Name 'sle?p' | Where-Object ProcessId -eq $sleeper.Id)
        $found.Count | Should -Be 1
    }

    It 'writes a non-terminating ObjectNotFound error for an id that does not exist, and goes on' {
        $missing = 2147483000
        $result = @(Get-ProcessEnvironment -Id $missing, $sleeper.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProcessNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
    }

    It 'writes an error for a plain name that matches nothing, but not for a wildcard' {
        Get-ProcessEnvironment -Name 'no-such-process-name' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'NoProcessFoundForGivenName,*'
        Get-ProcessEnvironment -Name 'no-such-process-*' -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2.Count | Should -Be 0
    }

    It 'reports a kernel thread as NotSupported, not as an empty environment' {
        $kthread = Get-ChildProcessId -ParentId 2 | Select-Object -First 1
        if (-not $kthread) { Set-ItResult -Skipped -Because 'this kernel shows no kernel threads in /proc (a container)'; return }
        $result = Get-ProcessEnvironment -Id $kthread
        $result.EnvironmentStatus | Should -Be 'NotSupported'
        $result.Environment | Should -BeNullOrEmpty
    }

    It 'reports a zombie as Exited' {
        # The shell starts a child that exits at once and is never reaped while the shell sleeps.
        $info = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
        foreach ($a in '-c', '/bin/true & exec /bin/sleep 300') { $info.ArgumentList.Add($a) }
        $parent = [Diagnostics.Process]::Start($info)
        try {
            $zombie = Wait-Until -Because 'the zombie child' {
                Get-ChildProcessId -ParentId $parent.Id | Where-Object {
                    (Get-Content -Raw "/proc/$_/stat" -ErrorAction Ignore) -match '\) Z '
                }
            }
            $result = Get-ProcessEnvironment -Id $zombie
            $result.EnvironmentStatus | Should -Be 'Exited'
            $result.Environment | Should -BeNullOrEmpty
            $result.EnvironmentError | Should -Match 'zombie'
        }
        finally {
            $parent.Kill(); $parent.WaitForExit()
        }
    }
}

Describe 'Get-ProcessEnvironment as an unprivileged user' -Tag 'Integration' {
    BeforeAll {
        $script:canSwitch = ([Environment]::UserName -eq 'root') -and (Test-Path /usr/bin/setpriv)
        if ($canSwitch) { $script:sandbox = New-NobodySandbox }
        $script:rootSleeper = [Diagnostics.Process]::Start('/bin/sleep', '300')
    }
    AfterAll {
        $rootSleeper.Kill(); $rootSleeper.WaitForExit()
        if ($canSwitch) { Remove-Item -Recurse -Force $sandbox.Root -ErrorAction Ignore }
    }

    It 'reports AccessDenied for a root process, never an empty environment' {
        if ([Environment]::UserName -ne 'root') { Set-ItResult -Skipped -Because 'it needs root to switch to an unprivileged user'; return }
        if (-not (Test-Component -Path /usr/bin/setpriv -Package util-linux)) { return }
        $json = Invoke-AsNobody -Sandbox $sandbox -Command (
            "Import-Module '$($sandbox.Module)'; Get-ProcessEnvironment -Id $($rootSleeper.Id) | " +
            "Select-Object ProcessId, UserName, @{n='EnvironmentStatus';e={`$_.EnvironmentStatus.ToString()}}, " +
            "@{n='HasEnvironment';e={`$null -ne `$_.Environment}}, EnvironmentError | ConvertTo-Json -Compress")
        $LASTEXITCODE | Should -Be 0
        $result = $json | ConvertFrom-Json
        $result.ProcessId | Should -Be $rootSleeper.Id
        $result.UserName | Should -Be 'root'
        $result.EnvironmentStatus | Should -Be 'AccessDenied'
        $result.HasEnvironment | Should -BeFalse
        $result.EnvironmentError | Should -Match 'denied'
    }

    It 'warns, without an error, when the user runs no gopls' {
        if ([Environment]::UserName -ne 'root') { Set-ItResult -Skipped -Because 'it needs root to switch to an unprivileged user'; return }
        if (-not (Test-Component -Path /usr/bin/setpriv -Package util-linux)) { return }
        # nobody runs no gopls, whatever root runs on this machine.
        $out = Invoke-AsNobody -Sandbox $sandbox -Command (
            "Import-Module '$($sandbox.Module)'; `$r = @(Get-GoplsEnvironment -WarningVariable w -ErrorVariable e -WarningAction SilentlyContinue); " +
            "[pscustomobject]@{ Count = `$r.Count; Warnings = @(`$w | ForEach-Object Message); Errors = `$e.Count } | ConvertTo-Json -Compress")
        $LASTEXITCODE | Should -Be 0
        $result = $out | ConvertFrom-Json
        $result.Count | Should -Be 0
        $result.Errors | Should -Be 0
        @($result.Warnings).Count | Should -Be 1
        $result.Warnings[0] | Should -Match "No gopls process is running for user nobody: looked for processes named 'gopls'"
    }
}
