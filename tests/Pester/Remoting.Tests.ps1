<#
    PowerShell remoting over SSH on loopback, as a team uses it to audit several machines: a real sshd (Debian's
    openssh-server) bound to 127.0.0.1 on a free port, with its own configuration, host key and authorized key, all
    made here, and a pwsh subsystem. The remote side imports the module by path; what comes back is deserialized.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:sshd = '/usr/sbin/sshd'
    $script:session = $null
    $script:server = $null
    if (-not (Test-Path -LiteralPath $sshd)) { return }

    $dir = Join-Path $TestDrive 'ssh'
    New-Item -ItemType Directory -Path $dir | Out-Null
    & ssh-keygen -q -t ed25519 -N '' -C 'goenvtools host' -f "$dir/host_key" | Out-Null
    & ssh-keygen -q -t ed25519 -N '' -C 'goenvtools test' -f "$dir/client_key" | Out-Null
    Copy-Item "$dir/client_key.pub" "$dir/authorized_keys"
    # The sessions' VS Code user settings (XDG_CONFIG_HOME) do not parse, so every machine has a finding (GOENV010).
    New-Item -ItemType Directory -Force -Path "$dir/config/Code/User" | Out-Null
    Set-Content -LiteralPath "$dir/config/Code/User/settings.json" -Value '{ "go.toolsEnvVars": { "GOFLAGS": '

    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $script:port = $listener.LocalEndpoint.Port
    $listener.Stop()

    # The pwsh of these tests is a dotnet tool: the subsystem runs the dotnet host with pwsh.dll.
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { "$exe $(Join-Path $PSHOME 'pwsh.dll')" } else { $exe }
    @"
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
Subsystem powershell $pwsh -sshs -NoLogo -NoProfile
SetEnv PSModulePath=$(Split-Path (Split-Path (Get-TestModulePath))) XDG_CONFIG_HOME=$dir/config
"@ | Set-Content -LiteralPath "$dir/sshd_config"
    # sshd refuses to start without its privilege separation folder.
    New-Item -ItemType Directory -Force -Path /run/sshd | Out-Null
    $script:server = Start-Process -FilePath $sshd -ArgumentList '-D', '-e', '-f', "$dir/sshd_config" -PassThru -RedirectStandardError "$dir/sshd.log"
    Wait-Until -Because "sshd listening on 127.0.0.1:$port" -Condition {
        $client = [Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $port); $true } catch { $false } finally { $client.Dispose() }
    } | Out-Null

    # A throwaway host key: no known_hosts entry is read or written.
    $script:connection = @{
        Port        = $port
        UserName    = 'root'
        KeyFilePath = "$dir/client_key"
        Options     = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
    }
    $script:session = New-PSSession -HostName 127.0.0.1 @connection
    Invoke-Command -Session $session -ArgumentList (Get-TestModulePath) { param($module) Import-Module $module }
}

AfterAll {
    if ($script:session) { Remove-PSSession -Session $script:session }
    if ($script:server -and -not $script:server.HasExited) {
        $script:server.Kill()
        $script:server.WaitForExit(5000) | Out-Null
    }
}

Describe 'Remoting over SSH on loopback' -Tag 'Integration' {
    BeforeEach {
        $script:ready = Test-Component -Path $sshd -Package 'openssh-server'
        if ($ready -and -not $session) { throw "No session to 127.0.0.1:$port; sshd said: $(Get-Content -Raw (Join-Path $TestDrive 'ssh/sshd.log'))" }
    }

    It 'runs the remote side in a pwsh of its own, with the module imported by path' {
        if (-not $ready) { return }
        $remote = Invoke-Command -Session $session { [pscustomobject]@{ Pid = $PID; Base = (Get-Module GoEnvTools).ModuleBase } }
        $remote.Pid | Should -Not -Be $PID
        $remote.Base | Should -Be (Split-Path (Get-TestModulePath))
    }

    It 'brings a snapshot back with its variables as a dictionary and its status as a name' {
        if (-not $ready) { return }
        $remote = Invoke-Command -Session $session { $env:GOENVTOOLS_REMOTE_ONLY = 'from the other machine'; [pscustomobject]@{ Snapshot = New-GoEnvSnapshot; Path = $env:PATH } }
        $snapshot = $remote.Snapshot
        $snapshot.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvSnapshot'
        $snapshot.Variables | Should -BeOfType [Collections.IDictionary]
        $snapshot.Variables['PATH'] | Should -Be $remote.Path
        $snapshot.Variables['GOENVTOOLS_REMOTE_ONLY'] | Should -Be 'from the other machine'
        $snapshot.EnvironmentStatus | Should -Be 'Ok'
        "$($snapshot.EnvironmentStatus)" | Should -Be 'Ok'
        $snapshot.CapturedAt | Should -BeOfType [datetime]
        $snapshot.Platform | Should -Not -BeNullOrEmpty
    }

    It 'compares a snapshot from the other machine with a local one' {
        if (-not $ready) { return }
        $remote = Invoke-Command -Session $session { $env:GOENVTOOLS_REMOTE_ONLY = 'there'; $env:GOENVTOOLS_BOTH = 'same'; New-GoEnvSnapshot }
        $env:GOENVTOOLS_LOCAL_ONLY = 'here'
        $env:GOENVTOOLS_BOTH = 'same'
        $env:PATH = "/opt/goenvtools-local/bin$([IO.Path]::PathSeparator)$env:PATH"
        try {
            $rows = @(Compare-GoEnvSnapshot -ReferenceSnapshot $remote -DifferenceSnapshot (New-GoEnvSnapshot) -IncludeEqual)
        }
        finally {
            $env:GOENVTOOLS_LOCAL_ONLY = $null
            $env:GOENVTOOLS_BOTH = $null
            $env:PATH = $env:PATH.Substring("/opt/goenvtools-local/bin$([IO.Path]::PathSeparator)".Length)
        }
        $byName = @{}
        foreach ($row in $rows) { $byName[$row.Name] = $row }
        $rows[0].pstypenames[0] | Should -Be 'GoEnvTools.GoEnvDifference'
        $byName['GOENVTOOLS_REMOTE_ONLY'].ChangeKind | Should -Be 'Removed'
        $byName['GOENVTOOLS_REMOTE_ONLY'].ReferenceValue | Should -Be 'there'
        $byName['GOENVTOOLS_LOCAL_ONLY'].SideIndicator | Should -Be '=>'
        $byName['GOENVTOOLS_BOTH'].ChangeKind | Should -Be 'Equal'
        $byName['PATH'].ChangeKind | Should -Be 'Changed'
        $byName['PATH'].ReferenceValue | Should -Be $remote.Variables['PATH']
        $byName['PATH'].PathEntriesAdded | Should -Contain '/opt/goenvtools-local/bin'
    }

    It 'brings comparison rows back with their kind as a name and the PATH lists as arrays' {
        if (-not $ready) { return }
        $rows = @(Invoke-Command -Session $session {
                Compare-GoEnvSnapshot @{ PATH = '/a:/b'; GONE = '1' } @{ PATH = '/b:/c'; NEW = '2' }
            })
        $rows[0].pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvDifference'
        $path = $rows | Where-Object Name -eq 'PATH'
        $path.ChangeKind | Should -Be 'Changed'
        $path.SideIndicator | Should -Be '<>'
        @($path.PathEntriesAdded) | Should -Be @('/c')
        @($path.PathEntriesRemoved) | Should -Be @('/a')
        ($rows | Where-Object Name -eq 'GONE').ChangeKind | Should -Be 'Removed'
    }

    It 'brings a process environment back with its environment, command line and status' {
        if (-not $ready) { return }
        $remote = Invoke-Command -Session $session { [pscustomobject]@{ Process = Get-ProcessEnvironment -Id $PID; Pid = $PID } }
        $process = $remote.Process
        $process.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.ProcessEnvironment'
        $process.ProcessId | Should -Be $remote.Pid
        $process.Environment | Should -BeOfType [Collections.IDictionary]
        # What sshd gave the subsystem when it started it (pwsh's own later changes are not in the OS's copy).
        $process.Environment['SSH_CONNECTION'] | Should -Match "^127\.0\.0\.1 \d+ 127\.0\.0\.1 $port`$"
        $process.Environment['USER'] | Should -Be 'root'
        $process.CommandLine.Count | Should -BeGreaterThan 1
        $process.CommandLine | Should -Contain '-sshs'
        $process.EnvironmentStatus | Should -Be 'Ok'
    }

    It 'brings the findings of Test-GoEnvironment back with their severity, evidence and fix' {
        if (-not $ready) { return }
        $findings = @(Invoke-Command -Session $session { Test-GoEnvironment })
        $findings.Id | Should -Contain 'GOENV010'
        foreach ($finding in $findings) {
            $finding.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvFinding'
            $finding.Id | Should -Match '^GOENV\d{3}$'
            $finding.Severity | Should -BeIn @('Error', 'Warning', 'Info')
            $finding.Title | Should -Not -BeNullOrEmpty
            foreach ($evidence in @($finding.Evidence)) {
                $evidence.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.FindingEvidence'
                $evidence.Subject | Should -Not -BeNullOrEmpty
            }
        }
        # Findings read back from several machines group and filter by their names.
        @($findings | Where-Object Severity -eq 'Info').Count + @($findings | Where-Object Severity -ne 'Info').Count | Should -Be $findings.Count
    }

    It 'brings the Go settings of a workspace and a settings change back with their properties' {
        if (-not $ready) { return }
        $workspace = Join-Path $TestDrive 'workspace'
        New-Item -ItemType Directory -Path "$workspace/.vscode" -Force | Out-Null
        Set-Content -LiteralPath "$workspace/.vscode/settings.json" -Value '{ // team settings
  "go.toolsEnvVars": { "GOFLAGS": "-mod=mod" }
}'
        $remote = Invoke-Command -Session $session -ArgumentList $workspace {
            param($folder)
            [pscustomobject]@{
                Settings = Get-VsCodeGoToolsEnv -Path $folder
                Change   = Set-VsCodeGoToolsEnv -Path "$folder/.vscode/settings.json" -Variable @{ GOPROXY = 'direct' } -NoBackup -PassThru
            }
        }
        $remote.Settings.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.VsCodeGoSettings'
        $remote.Settings.ToolsEnvVars['GOFLAGS'] | Should -Be '-mod=mod'
        $remote.Settings.SettingsFile.Scope | Should -Be 'Workspace'
        $remote.Settings.SettingsFile.Path | Should -Be "$workspace/.vscode/settings.json"
        $remote.Change.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.SettingsChange'
        $remote.Change.Status | Should -Be 'Changed'
        $remote.Change.Key | Should -Match 'GOPROXY'
        Get-Content -Raw "$workspace/.vscode/settings.json" | Should -Match '"GOPROXY": "direct"'
    }

    It 'brings the changes of the GUI environment and go env config cmdlets back with their store and status' {
        if (-not $ready) { return }
        if (-not (Test-Component -Path /usr/lib/go-1.19/bin/go -Package 'golang-1.19-go')) { return }
        $homeDir = Join-Path $TestDrive 'remote-home'
        New-Item -ItemType Directory -Path $homeDir | Out-Null
        $changes = Invoke-Command -Session $session -ArgumentList $homeDir {
            param($folder)
            # In a HOME of its own, restored after, so the session's other tests keep theirs.
            $saved = $env:HOME, $env:XDG_CONFIG_HOME
            $env:HOME = $folder
            $env:XDG_CONFIG_HOME = $null
            try {
                [pscustomobject]@{
                    Gui = Set-GuiEnvironmentVariable GOPROXY 'https://proxy.example,direct' -PassThru -Confirm:$false -WarningAction SilentlyContinue
                    Go  = Set-GoEnvConfig GOPRIVATE 'example.com/*' -GoBinary /usr/lib/go-1.19/bin/go -PassThru -Confirm:$false
                }
            }
            finally { $env:HOME, $env:XDG_CONFIG_HOME = $saved }
        }
        $changes.Gui.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.GuiEnvironmentChange'
        $changes.Gui.Store | Should -Be 'EnvironmentD'
        $changes.Gui.Status | Should -Be 'Changed'
        $changes.Gui.Path | Should -Be "$homeDir/.config/environment.d/60-goenvtools.conf"
        $changes.Go.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvConfigChange'
        $changes.Go.NewValue | Should -Be 'example.com/*'
        $changes.Go.Status | Should -Be 'Changed'
        $changes.Go.GoEnvFile | Should -BeLike "$homeDir/*"
    }

    It 'audits several machines at once and compares their gopls environments, as the README shows' {
        if (-not $ready) { return }
        # Two names of this machine, two sessions; the module is found by name (sshd's SetEnv PSModulePath).
        $machines = '127.0.0.1', 'localhost'
        $findings = Invoke-Command -HostName $machines @connection { Test-GoEnvironment }
        @($findings.PSComputerName | Sort-Object -Unique) | Should -Be @('127.0.0.1', 'localhost')
        @($findings | Where-Object Id -eq 'GOENV010').Count | Should -Be 2
        foreach ($finding in $findings) { $finding.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvFinding' }
        $table = $findings | Sort-Object Id, PSComputerName | Format-Table PSComputerName, Id, Severity, Title | Out-String -Width 200
        $table | Should -Match 'localhost'
        $groups = @($findings | Group-Object Id)
        $grouped = $groups | Format-Table Count, Name, @{ Name = 'Machines'; Expression = { $_.Group.PSComputerName -join ', ' } } | Out-String -Width 200
        foreach ($group in $groups) { $grouped | Should -Match "$($group.Name)\s+127\.0\.0\.1, localhost|$($group.Name)\s+localhost, 127\.0\.0\.1" }

        if (-not (Test-Component -Path /usr/bin/gopls -Package 'gopls')) { return }
        $info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/gopls')
        foreach ($a in 'serve', '-listen=127.0.0.1:0') { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.RedirectStandardError = $true
        $info.Environment['GOENVTOOLS_AUDIT_MARKER'] = 'audit'
        $gopls = [Diagnostics.Process]::Start($info)
        try {
            $id = $gopls.Id
            $dev1 = Invoke-Command -HostName 127.0.0.1 @connection { Get-GoplsEnvironment -Id $using:id | Select-Object -First 1 }
            $dev2 = Invoke-Command -HostName localhost @connection { Get-GoplsEnvironment -Id $using:id | Select-Object -First 1 }
            $dev1.pstypenames[0] | Should -Be 'Deserialized.GoEnvTools.GoplsEnvironment'
            $dev1.Environment['GOENVTOOLS_AUDIT_MARKER'] | Should -Be 'audit'
            $rows = @(Compare-GoEnvSnapshot $dev1 $dev2 -IncludeEqual)
            ($rows | Where-Object Name -eq 'GOENVTOOLS_AUDIT_MARKER').ChangeKind | Should -Be 'Equal'
            @($rows | Where-Object ChangeKind -ne 'Equal') | Should -BeNullOrEmpty -Because 'one gopls read from two sessions'
        }
        finally {
            $gopls.Kill()
            $gopls.WaitForExit(5000) | Out-Null
        }

        $env:GOENVTOOLS_AUDIT_LOCAL = 'here'
        try { $rows = @(Compare-GoEnvSnapshot (Invoke-Command -HostName 127.0.0.1 @connection { New-GoEnvSnapshot }) (New-GoEnvSnapshot)) }
        finally { $env:GOENVTOOLS_AUDIT_LOCAL = $null }
        ($rows | Where-Object Name -eq 'GOENVTOOLS_AUDIT_LOCAL').SideIndicator | Should -Be '=>'
    }
}
