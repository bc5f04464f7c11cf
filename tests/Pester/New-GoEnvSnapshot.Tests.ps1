BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'New-GoEnvSnapshot' {
    BeforeAll {
        $script:marker = 'marker-' + [guid]::NewGuid()
        $script:sleeper = Start-Sleeper ([ordered]@{ PATH = '/usr/bin:/bin'; GOENVTOOLS_MARKER = $marker; ZZZ = 'last' })
    }
    AfterAll {
        $sleeper.Kill(); $sleeper.WaitForExit()
    }

    It 'captures this session by default, variables set with $env: included' {
        $env:GOENVTOOLS_SNAPSHOT_TEST = "set-$marker"
        try {
            $snapshot = New-GoEnvSnapshot
        } finally {
            Remove-Item Env:GOENVTOOLS_SNAPSHOT_TEST
        }
        $snapshot.PSObject.TypeNames[0] | Should -Be 'GoEnvTools.GoEnvSnapshot'
        $snapshot.Variables['GOENVTOOLS_SNAPSHOT_TEST'] | Should -Be "set-$marker"
        $snapshot.Variables['PATH'] | Should -Be $env:PATH
        $snapshot.Platform | Should -Be 'Linux'
        $snapshot.EnvironmentStatus | Should -Be 'Ok'
        $snapshot.Source | Should -Match "^process $PID \("
        ([datetime]::Now - $snapshot.CapturedAt).TotalSeconds | Should -BeLessThan 30
        $sorted = [string[]]@($snapshot.Variables.Keys)
        [Array]::Sort($sorted, [StringComparer]::Ordinal)
        @($snapshot.Variables.Keys) | Should -Be $sorted -Because 'the names come sorted'
    }

    It 'reads a process by -Id, in the order the process holds its variables' {
        $snapshot = New-GoEnvSnapshot -Id $sleeper.Id
        $snapshot.Source | Should -Be "process $($sleeper.Id) (sleep)"
        $snapshot.EnvironmentStatus | Should -Be 'Ok'
        $snapshot.Variables['GOENVTOOLS_MARKER'] | Should -Be $marker
        $snapshot.Variables.Count | Should -Be 3
    }

    It 'keeps the status of a process it may not read, and no variables' {
        # Process 1 belongs to root or to the container's init; which status it gives depends on who runs the test.
        $expected = (Get-ProcessEnvironment -Id 1).EnvironmentStatus
        if ($expected -in 'Ok', 'Lossy') { Set-ItResult -Skipped -Because 'process 1 is readable here'; return }
        $snapshot = New-GoEnvSnapshot -Id 1
        $snapshot.EnvironmentStatus | Should -Be $expected
        $snapshot.Variables | Should -BeNullOrEmpty
        $null -eq $snapshot.Variables | Should -BeTrue
    }

    It 'reads the processes Get-Process sends down the pipeline' {
        $result = @(Get-Process -Id $sleeper.Id | New-GoEnvSnapshot)
        $result.Count | Should -Be 1
        $result[0].Source | Should -Be "process $($sleeper.Id) (sleep)"
        $result[0].Variables['GOENVTOOLS_MARKER'] | Should -Be $marker
    }

    It 'writes ProcessNotFound for an id of no process, and goes on' {
        $result = @(New-GoEnvSnapshot -Id 2147483000, $sleeper.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProcessNotFound,*'
    }

    It 'turns piped process environments, snapshots and dictionaries into snapshots' {
        $fromProcess = Get-ProcessEnvironment -Id $sleeper.Id | New-GoEnvSnapshot
        $fromProcess.Variables['GOENVTOOLS_MARKER'] | Should -Be $marker
        $fromProcess.Source | Should -Be "process $($sleeper.Id) (sleep)"

        $copy = $fromProcess | New-GoEnvSnapshot
        $copy.Variables['ZZZ'] = 'changed'
        $fromProcess.Variables['ZZZ'] | Should -Be 'last' -Because 'a snapshot of a snapshot is a copy'

        $fromDictionary = [ordered]@{ B = '2'; A = '1' } | New-GoEnvSnapshot
        @($fromDictionary.Variables.Keys) | Should -Be @('B', 'A')
    }

    It 'refuses other objects with SnapshotInputNotSupported' {
        42 | New-GoEnvSnapshot -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotInputNotSupported,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
    }
}
