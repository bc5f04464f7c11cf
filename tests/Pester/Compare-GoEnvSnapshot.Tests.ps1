BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Compare-GoEnvSnapshot' {
    BeforeAll {
        # A fake go on a PATH entry of the sleeper, so the go each side finds can be checked.
        $script:goDir = Join-Path $TestDrive 'go/bin'
        New-Item -ItemType Directory $goDir | Out-Null
        Set-Content (Join-Path $goDir 'go') "#!/bin/sh`necho fake"
        & chmod +x (Join-Path $goDir 'go')
        $script:sleeperEnv = [ordered]@{
            PATH               = "/usr/bin:$($goDir):/bin:/usr/bin"
            GOPATH             = '/home/me/go'
            GOFLAGS            = '-mod=mod'
            VSCODE_PID         = '1234'
            ELECTRON_RUN_AS_NODE = '1'
        }
        $script:sleeper = Start-Sleeper $sleeperEnv
        $script:reference = [ordered]@{
            PATH    = "$($goDir):/usr/bin:/bin"
            GOPATH  = '/home/me/go'
            GOPROXY = 'https://proxy.golang.org,direct'
        } | New-GoEnvSnapshot
    }
    AfterAll {
        $sleeper.Kill(); $sleeper.WaitForExit()
    }

    It 'compares a process (Get-ProcessEnvironment -Id) with a snapshot, one row per variable, by name' {
        $rows = @(Compare-GoEnvSnapshot -ReferenceSnapshot $reference -DifferenceSnapshot (Get-ProcessEnvironment -Id $sleeper.Id))

        $rows[0].PSObject.TypeNames[0] | Should -Be 'GoEnvTools.GoEnvDifference'
        @($rows.Name) | Should -Be @('GOFLAGS', 'GOPROXY', 'PATH')
        @($rows.SideIndicator) | Should -Be @('=>', '<=', '<>')
        @($rows.ChangeKind) | Should -Be @('Added', 'Removed', 'Changed')
    }

    It 'analyses PATH entry by entry and names the go each side finds' {
        $path = Compare-GoEnvSnapshot $reference (Get-ProcessEnvironment -Id $sleeper.Id) -Name PATH
        @($path.PathEntriesAdded) | Should -BeNullOrEmpty
        @($path.PathEntriesRemoved) | Should -BeNullOrEmpty
        @($path.PathEntriesMoved) | Should -Be @($goDir)
        @($path.PathEntriesDuplicated) | Should -Be @('/usr/bin')
        $path.ReferenceGo | Should -Be (Join-Path $goDir 'go')
        $expected = if (Test-Path /usr/bin/go) { '/usr/bin/go' } else { Join-Path $goDir 'go' }
        $path.DifferenceGo | Should -Be $expected
    }

    It 'leaves out VS Code''s variables unless -IncludeEditorVariables' {
        $difference = Get-ProcessEnvironment -Id $sleeper.Id
        @(Compare-GoEnvSnapshot $reference $difference).Name | Should -Not -Contain 'VSCODE_PID'
        $with = @(Compare-GoEnvSnapshot $reference $difference -IncludeEditorVariables).Name
        $with | Should -Contain 'VSCODE_PID'
        $with | Should -Contain 'ELECTRON_RUN_AS_NODE'
    }

    It 'shows equal variables with -IncludeEqual and selects names with wildcards' {
        $rows = @(Compare-GoEnvSnapshot $reference (Get-ProcessEnvironment -Id $sleeper.Id) -IncludeEqual -Name 'gop*')
        @($rows.Name) | Should -Be @('GOPATH', 'GOPROXY')
        $rows[0].SideIndicator | Should -Be '=='
    }

    It 'takes the difference from the pipeline: New-GoEnvSnapshot | Compare-GoEnvSnapshot -Reference $x' {
        $x = New-GoEnvSnapshot
        $env:GOENVTOOLS_COMPARE_TEST = 'piped'
        try {
            $rows = @(New-GoEnvSnapshot | Compare-GoEnvSnapshot -Reference $x)
        } finally {
            Remove-Item Env:GOENVTOOLS_COMPARE_TEST
        }
        $rows.Count | Should -Be 1
        $rows[0].Name | Should -Be 'GOENVTOOLS_COMPARE_TEST'
        $rows[0].ChangeKind | Should -Be 'Added'
        $rows[0].DifferenceValue | Should -Be 'piped'
    }

    It 'takes gopls-shaped and process objects by position and alias' {
        $rows = @(Compare-GoEnvSnapshot -Reference $reference -Difference $reference)
        $rows.Count | Should -Be 0
        @(Get-ProcessEnvironment -Id $sleeper.Id | Compare-GoEnvSnapshot $reference).Count | Should -Be 3
    }

    It 'compares a Deserialized snapshot from Start-Job with a live one' {
        $live = New-GoEnvSnapshot -Id $sleeper.Id
        $remote = Receive-FromJob 'param($id) New-GoEnvSnapshot -Id $id' -ArgumentList $sleeper.Id
        $remote.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvSnapshot'
        $remote.Variables['GOFLAGS'] | Should -Be '-mod=mod'

        @(Compare-GoEnvSnapshot $remote $live -IncludeEditorVariables).Count | Should -Be 0
        $equal = @(Compare-GoEnvSnapshot $remote $live -IncludeEqual -IncludeEditorVariables)
        $equal.Count | Should -Be $sleeperEnv.Count
        @($equal.Name) | Should -Be @($sleeperEnv.Keys | Sort-Object)

        $rows = @(Compare-GoEnvSnapshot $reference $remote)
        @($rows.Name) | Should -Be @('GOFLAGS', 'GOPROXY', 'PATH')
    }

    It 'compares a Deserialized process environment from Start-Job' {
        $remote = Receive-FromJob 'param($id) Get-ProcessEnvironment -Id $id' -ArgumentList $sleeper.Id
        $remote.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.ProcessEnvironment'
        @(Compare-GoEnvSnapshot $reference $remote).Name | Should -Be @('GOFLAGS', 'GOPROXY', 'PATH')
    }

    It 'brings rows back from Start-Job with their lists and ChangeKind as a name' {
        $rows = @(Receive-FromJob 'param($a, $b) Compare-GoEnvSnapshot ($a | New-GoEnvSnapshot) ($b | New-GoEnvSnapshot)' -ArgumentList @{ PATH = '/a:/b' }, @{ PATH = '/b:/c' })
        $rows[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvDifference'
        $rows[0].ChangeKind | Should -BeOfType [string]
        $rows[0].ChangeKind | Should -Be 'Changed'
        @($rows[0].PathEntriesAdded) | Should -Be @('/c')
        @($rows[0].PathEntriesRemoved) | Should -Be @('/a')
        (Get-Rendered $rows[0] -As Table)[0] | Should -Match '^Side\s+Name\s+ReferenceValue\s+DifferenceValue$'
    }

    It 'compares names without case when a snapshot is from Windows' {
        $windows = @{ Path = 'C:\Go\bin' } | New-GoEnvSnapshot
        $windows.Platform = 'Windows'
        $linux = @{ PATH = 'C:\Go\bin' } | New-GoEnvSnapshot
        @(Compare-GoEnvSnapshot $windows $linux).Count | Should -Be 0
        $linux2 = @{ PATH = 'C:\Go\bin' } | New-GoEnvSnapshot
        @(Compare-GoEnvSnapshot (@{ Path = 'C:\Go\bin' } | New-GoEnvSnapshot) $linux2).Count | Should -Be 2
    }

    It 'refuses an environment that could not be read, with SnapshotNotReadable' {
        $unread = @{ A = '1' } | New-GoEnvSnapshot
        $unread.EnvironmentStatus = 'AccessDenied'
        $unread.Variables = $null
        { Compare-GoEnvSnapshot $unread $reference -ErrorAction Stop } | Should -Throw -ErrorId 'SnapshotNotReadable,*'
        $rows = @($unread, $reference | Compare-GoEnvSnapshot $reference -ErrorVariable errs -ErrorAction SilentlyContinue)
        $rows.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotNotReadable,*'
        $errs[0].Exception.Message | Should -BeLike '*AccessDenied*'
    }

    It 'writes SnapshotInputNotSupported for a piped object that is no environment, and goes on' {
        $rows = @(42, $reference | Compare-GoEnvSnapshot $reference -ErrorVariable errs -ErrorAction SilentlyContinue)
        $rows.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'SnapshotInputNotSupported,GoEnvTools.Commands.CompareGoEnvSnapshotCommand'
    }

    It 'has a table view within 120 columns and a list view with the PATH analysis' {
        $rows = @(Compare-GoEnvSnapshot $reference (Get-ProcessEnvironment -Id $sleeper.Id))
        $table = Get-Rendered $rows -As Table
        $table[0] | Should -Match '^Side\s+Name\s+ReferenceValue\s+DifferenceValue$'
        $table[2] | Should -Match '^=>\s+GOFLAGS\s+-mod=mod$'
        ($table | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120

        $list = Get-Rendered ($rows | Where-Object Name -eq 'PATH') -As List
        ($list -match '^ChangeKind\s+: <> Changed$').Count | Should -Be 1
        ($list -match "^PathEntriesMoved\s+: $([regex]::Escape($goDir))$").Count | Should -Be 1
        ($list -match "^ReferenceGo\s+: $([regex]::Escape((Join-Path $goDir 'go')))$").Count | Should -Be 1
    }
}
