<#
    Objects sent through Start-Job (and remoting) come back as Deserialized.GoEnvTools.* property bags. These tests
    send each output type through a real job and check that what users rely on is still usable there, and that the
    format views still apply.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'ProcessEnvironment after Start-Job' {
    BeforeAll {
        $script:marker = 'marker-' + [guid]::NewGuid()
        $environment = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
        $environment['PATH'] = '/usr/bin:/bin'
        $environment['GOENVTOOLS_MARKER'] = $marker
        $environment['Mixed'] = 'lower case name'
        $environment['MIXED'] = 'upper case name'
        $environment['MULTILINE'] = "one`ntwo"
        $script:sleeper = Start-Sleeper $environment
        $script:local = Get-ProcessEnvironment -Id $sleeper.Id
        $script:result = Receive-FromJob 'param($id) Get-ProcessEnvironment -Id $id' -ArgumentList $sleeper.Id
    }
    AfterAll {
        $sleeper.Kill(); $sleeper.WaitForExit()
    }

    It 'comes back as one Deserialized.GoEnvTools.ProcessEnvironment' {
        @($result).Count | Should -Be 1
        $result.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.ProcessEnvironment'
    }

    It 'keeps Environment a dictionary of strings, in order, with names that differ only in case' {
        $result.Environment['PATH'] | Should -BeOfType [string]
        $result.Environment['PATH'] | Should -Be '/usr/bin:/bin'
        $result.Environment['GOENVTOOLS_MARKER'] | Should -Be $marker
        $result.Environment['MULTILINE'] | Should -Be "one`ntwo"
        $result.Environment['Mixed'] | Should -Be 'lower case name'
        $result.Environment['MIXED'] | Should -Be 'upper case name'
        @($result.Environment.Keys) | Should -Be @($local.Environment.Keys)
    }

    It 'keeps CommandLine an array, numbers numbers and StartTime a date' {
        , $result.CommandLine | Should -BeOfType [System.Collections.IList]
        @($result.CommandLine) | Should -Be @('/bin/sleep', '300')
        $result.ProcessId | Should -BeOfType [int]
        $result.ProcessId | Should -Be $sleeper.Id
        $result.StartTime | Should -BeOfType [datetime]
        $result.StartTime | Should -Be $local.StartTime
    }

    It 'brings EnvironmentStatus back as its name, which compares and filters as before' {
        $result.EnvironmentStatus | Should -BeOfType [string]
        $result.EnvironmentStatus | Should -Be 'Ok'
        @($result | Where-Object EnvironmentStatus -eq 'Ok').Count | Should -Be 1
    }

    It 'is shown by the module''s table view, within 120 columns' {
        $lines = Get-Rendered $result -As Table
        $lines[0] | Should -Match '^\s*Id\s+ParentId\s+Name\s+UserName\s+Environment\s+Vars\s+CommandLine$'
        $lines[2] | Should -Match "^\s*$($sleeper.Id)\s+$PID\s+sleep\s+\S+\s+Ok\s+5\s+/bin/sleep 300$"
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
    }

    It 'is shown by the module''s list view, with its variables' {
        $lines = Get-Rendered $result -As List
        ($lines -match '^EnvironmentStatus\s+: Ok$').Count | Should -Be 1
        ($lines -match "GOENVTOOLS_MARKER=$marker").Count | Should -Be 1
    }
}

Describe 'ProcessInfo after Start-Job' {
    BeforeAll {
        $script:sleeper = Start-Sleeper ([ordered]@{ PATH = '/usr/bin:/bin' })
        # The ancestors of any process are ProcessInfo objects; the first is this pwsh.
        $script:result = @(Receive-FromJob 'param($id) (Get-GoplsEnvironment -Id $id).Ancestors' -ArgumentList $sleeper.Id)
        $script:self = $result[0]
    }
    AfterAll {
        $sleeper.Kill(); $sleeper.WaitForExit()
    }

    It 'comes back as Deserialized.GoEnvTools.ProcessInfo with usable properties' {
        $self.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.ProcessInfo'
        $self.ProcessId | Should -BeOfType [int]
        $self.ProcessId | Should -Be $PID
        $self.ParentProcessId | Should -Be ([Diagnostics.Process]::GetCurrentProcess().Parent.Id)
        , $self.CommandLine | Should -BeOfType [System.Collections.IList]
        $expected = (Get-Content -Raw "/proc/$PID/cmdline").TrimEnd([char]0).Split([char]0)
        @($self.CommandLine) | Should -Be $expected
    }

    It 'is shown by the module''s table view, within 120 columns, live and deserialized alike' {
        $lines = Get-Rendered $self -As Table
        $lines[0] | Should -Match '^\s*Id\s+ParentId\s+Name\s+UserName\s+Started\s+CommandLine$'
        $lines[2] | Should -Match "^\s*$PID\s+\d+\s+\S+\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\S"
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120

        $live = (Get-GoplsEnvironment -Id $sleeper.Id).Ancestors[0]
        (Get-Rendered $live -As Table)[0] | Should -Be $lines[0]
    }

    It 'is shown by the module''s list view' {
        $lines = Get-Rendered $self -As List
        ($lines -match "^ProcessId\s+: $PID$").Count | Should -Be 1
        ($lines -match '^ExecutablePath\s+: \S').Count | Should -Be 1
    }
}

Describe 'GoplsEnvironment of a real gopls after Start-Job' -Tag 'Integration' {
    BeforeAll {
        $script:ready = Test-Path /usr/bin/gopls
        if ($ready) {
            $home_ = Join-Path $TestDrive 'home'
            New-Item -ItemType Directory -Path $home_ | Out-Null
            $script:goplsPath = '/usr/lib/go-1.19/bin:/usr/bin:/bin'
            $script:gopath = Join-Path $TestDrive 'gopath'
            $info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/gopls')
            foreach ($a in 'serve', '-listen=127.0.0.1:0') { $info.ArgumentList.Add($a) }
            $info.UseShellExecute = $false
            $info.RedirectStandardInput = $true
            $info.RedirectStandardError = $true
            $info.WorkingDirectory = $TestDrive
            $info.Environment.Clear()
            $info.Environment['HOME'] = $home_
            $info.Environment['PATH'] = $goplsPath
            $info.Environment['GOPATH'] = $gopath
            $info.Environment['GOFLAGS'] = '-mod=mod'
            $script:gopls = [Diagnostics.Process]::Start($info)
            $gopls.BeginErrorReadLine()
            $script:result = Receive-FromJob 'param($id) Get-GoplsEnvironment -Id $id' -ArgumentList $gopls.Id
        }
    }
    AfterAll {
        if ($ready -and -not $gopls.HasExited) { $gopls.Kill(); $gopls.WaitForExit() }
    }

    It 'comes back as Deserialized.GoEnvTools.GoplsEnvironment' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.GoplsEnvironment'
        $result.ProcessId | Should -Be $gopls.Id
    }

    It 'keeps Ancestors a list of processes with numeric ids' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.Ancestors[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.ProcessInfo'
        $result.Ancestors[0].ProcessId | Should -BeOfType [int]
        $result.Ancestors[0].ProcessId | Should -Be $PID
        , $result.Ancestors[0].CommandLine | Should -BeOfType [System.Collections.IList]
    }

    It 'keeps the environment, the command line and the lists' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.Environment['PATH'] | Should -BeOfType [string]
        $result.Environment['PATH'] | Should -Be $goplsPath
        $result.Environment['GOPATH'] | Should -Be $gopath
        $result.GOPATH | Should -Be $gopath
        $result.GOFLAGS | Should -Be '-mod=mod'
        @($result.CommandLine) | Should -Be @('/usr/bin/gopls', 'serve', '-listen=127.0.0.1:0')
        , $result.PathEntries | Should -BeOfType [System.Collections.IList]
        @($result.PathEntries) | Should -Be @('/usr/lib/go-1.19/bin', '/usr/bin', '/bin')
    }

    It 'brings the enums back as their names' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.EnvironmentStatus | Should -BeOfType [string]
        $result.EnvironmentStatus | Should -Be 'Ok'
        $result.Editor | Should -BeOfType [string]
        $result.Editor | Should -Be 'None'
    }

    It 'is shown by the module''s table and list views' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $table = Get-Rendered $result -As Table
        $table[0] | Should -Match '^\s*Id\s+Editor\s+Remote\s+Environment\s+GoBinary\s+GOPATH\s+WorkingDirectory$'
        $table[2] | Should -Match "^\s*$($gopls.Id)\s+None\s+False\s+Ok\s+"
        ($table | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120

        $list = Get-Rendered $result -As List
        ($list -match "^Ancestors\s+: \S+ \($PID\)").Count | Should -Be 1
        ($list -match '^GOFLAGS\s+: -mod=mod$').Count | Should -Be 1
    }
}
