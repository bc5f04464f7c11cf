<#
    Scenario tests of Test-GoEnvironment and Repair-GoEnvironment, each staged for real: a temporary HOME with shell
    start-up files, a VS Code settings.json, an editor emulated from the facts about VS Code and vscode-go
    (EditorEmulation.psm1, which shares no code with the module), and a real gopls started with the environment that
    editor would give it. Test-GoEnvironment runs in a child pwsh whose environment is the terminal's (HOME, SHELL, a
    plain PATH), finds exactly the expected findings, Repair-GoEnvironment applies their fixes, and a new gopls, started
    the way the editor would start it now, has no Error left.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'EditorEmulation.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    $script:goRoot = '/usr/lib/go-1.19'
    $script:realGo = "$goRoot/bin/go"
    $script:dotnet = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'

    # No test may reach this machine's own systemd user manager: both ways systemctl --user finds its bus point into
    # an empty folder, here and in every child pwsh. The GUI environment is then what systemd's generator makes of
    # the temporary HOME's environment.d, as a user manager would at the next login.
    $script:savedBus = @{ DBUS_SESSION_BUS_ADDRESS = $env:DBUS_SESSION_BUS_ADDRESS; XDG_RUNTIME_DIR = $env:XDG_RUNTIME_DIR }
    $script:noBus = Join-Path $TestDrive 'no-bus'
    New-Item -ItemType Directory $noBus | Out-Null
    $env:XDG_RUNTIME_DIR = $noBus
    $env:DBUS_SESSION_BUS_ADDRESS = "unix:path=$noBus/bus"

    function Write-Executable([string] $Path, [string[]] $Lines) {
        New-Item -ItemType Directory -Force -Path (Split-Path $Path) | Out-Null
        Set-Content -LiteralPath $Path -Value $Lines
        & chmod 755 $Path
    }

    # A temporary HOME with a login profile that puts Go on PATH (through a link, as /usr/local/go often is).
    function New-Stage([string] $Name) {
        $root = Join-Path $TestDrive $Name
        $stage = [pscustomobject]@{
            Root      = $root
            Home      = Join-Path $root 'home'
            Workspace = Join-Path $root 'work'
            GoBin     = Join-Path $root 'sdk/go/bin'
            Settings  = Join-Path $root 'home/.config/Code/User/settings.json'
            Session   = [ordered]@{}
        }
        New-Item -ItemType Directory -Force -Path $stage.Home, $stage.Workspace, (Join-Path $root 'sdk'), (Split-Path $stage.Settings) | Out-Null
        & ln -s $goRoot (Join-Path $root 'sdk/go')
        Set-Content -LiteralPath (Join-Path $stage.Workspace 'go.mod') -Value 'module example.test/app', '', 'go 1.19'
        Set-Content -LiteralPath (Join-Path $stage.Home '.profile') -Value "export PATH=""$($stage.GoBin):`$PATH"""
        # What the desktop session gives VS Code when it starts from a launcher.
        $stage.Session['HOME'] = $stage.Home
        $stage.Session['USER'] = 'root'
        $stage.Session['LOGNAME'] = 'root'
        $stage.Session['SHELL'] = '/bin/bash'
        $stage.Session['PATH'] = '/usr/local/bin:/usr/bin:/bin'
        $stage.Session['LANG'] = 'C.UTF-8'
        $stage
    }

    function Set-Settings($Stage, $Settings) {
        if ($Settings -is [string]) { Set-Content -LiteralPath $Stage.Settings -Value $Settings -NoNewline }
        else { $Settings | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $Stage.Settings }
    }

    # Started from the desktop, VS Code gets the session the user manager built at login (environment.d included);
    # started from a terminal, that terminal's environment.
    function Start-StageEditor($Stage, [switch] $FromCli, [int] $ShellTimeoutSeconds = 10) {
        $session = if ($FromCli) { $Stage.Session } else { Get-EmulatedLoginSession -SessionEnvironment $Stage.Session }
        $environment = Get-EmulatedEditorEnvironment -SessionEnvironment $session -SettingsPath $Stage.Settings `
            -WorkspaceFolder $Stage.Workspace -FromCli:$FromCli -ShellTimeoutSeconds $ShellTimeoutSeconds
        $editor = Start-EmulatedEditor -Root $Stage.Root -Environment $environment -WorkspaceFolder $Stage.Workspace
        # Through a wrapper, the process is the wrapper script until it execs the real gopls in its place.
        Wait-Until -Because "gopls $($editor.GoplsId) to run /usr/bin/gopls" -Condition { (& /usr/bin/readlink "/proc/$($editor.GoplsId)/exe" 2>$null) -eq '/usr/bin/gopls' } | Out-Null
        $editor
    }

    <#
        Runs Test-GoEnvironment (and, with -Repair, Repair-GoEnvironment on its findings) in a child pwsh whose
        environment is a terminal's in the stage's HOME. -Isolated runs it in a PID namespace of its own, where no
        gopls runs.
    #>
    function Invoke-Diagnosis($Stage, [int[]] $GoplsId, [switch] $Repair, [int] $TimeoutSeconds = 10, [switch] $Isolated) {
        $idArgument = if ($GoplsId) { "-Id $($GoplsId -join ',')" } else { '' }
        $command = @"
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$(Get-TestModulePath)'
`$f = @(Test-GoEnvironment -Path '$($Stage.Workspace)' -TimeoutSeconds $TimeoutSeconds $idArgument)
`$r = @(if (`$$([bool]$Repair)) { `$f | Repair-GoEnvironment -Confirm:`$false -WarningAction SilentlyContinue })
`$again = @(if (`$$([bool]$Repair)) { `$f | Repair-GoEnvironment -Confirm:`$false -WarningAction SilentlyContinue })
'@@@'
[pscustomobject]@{
    Findings = @(`$f | Select-Object Id, Severity, Title, Fix, Detail)
    Repairs = @(`$r | Select-Object FindingId, Status, Action, Kind, Message, Target, RestartNeeded)
    Again = @(`$again | Select-Object FindingId, Status, Action, Kind, Message)
} |
    ConvertTo-Json -Depth 4 -EnumsAsStrings
"@
        $terminal = [ordered]@{
            HOME = $Stage.Home; SHELL = '/bin/bash'; PATH = '/usr/bin:/bin'; USER = 'root'; LANG = 'C.UTF-8'
            DOTNET_CLI_HOME = $Stage.Home; DOTNET_NOLOGO = '1'; DOTNET_CLI_TELEMETRY_OPTOUT = '1'
            XDG_RUNTIME_DIR = $noBus; DBUS_SESSION_BUS_ADDRESS = "unix:path=$noBus/bus"
        }
        $run = @($dotnet, $pwshDll, '-NoProfile', '-NonInteractive', '-Command', $command)
        if ($Isolated) { $run = @('/usr/bin/unshare', '--pid', '--fork', '--mount-proc') + $run }
        $result = Invoke-WithEnvironment -Environment $terminal -Command $run -TimeoutSeconds 180
        if ($result.ExitCode -ne 0) { throw "The child pwsh failed ($($result.ExitCode)): $($result.Output) $($result.Error)" }
        $json = $result.Output.Substring($result.Output.IndexOf('@@@') + 3)
        $parsed = $json | ConvertFrom-Json
        [pscustomobject]@{
            Findings = @($parsed.Findings); Repairs = @($parsed.Repairs); Again = @($parsed.Again); Ids = @($parsed.Findings.Id | Sort-Object -Unique)
        }
    }

    function Get-Expected([string[]] $Ids) { @($Ids | Sort-Object -Unique) }

    # The PATH of a gopls whose editor gave up on the login shell (a 1 s timeout), as the desktop session alone gives it.
    function Get-GiveUpPath($Stage) {
        $editor = Start-StageEditor $Stage -ShellTimeoutSeconds 1
        try { Get-ProcessPath $editor.GoplsId } finally { Stop-EmulatedEditor $editor }
    }

    # A variable of a running process, read from /proc as exec'd; $null when it is not set.
    function Get-ProcessVariable([int] $Id, [string] $Name) {
        $entry = [IO.File]::ReadAllText("/proc/$Id/environ").Split([char]0) | Where-Object { $_.StartsWith("$Name=") } | Select-Object -First 1
        if ($entry) { $entry.Substring($Name.Length + 1) } else { $null }
    }

    function Get-ProcessPath([int] $Id) { @((Get-ProcessVariable $Id 'PATH') -split ':' | Where-Object { $_ }) }
}

AfterAll {
    foreach ($name in $savedBus.Keys) { Set-Item -Path "env:$name" -Value $savedBus[$name] }
}

Describe 'Test-GoEnvironment scenarios' -Tag 'Integration' -ForEach @(
    @{
        Name = 'go-missing'; Expected = 'GOENV001'; Fixed = 'GOENV001'
        Because = 'go.toolsEnvVars.PATH replaces gopls''s PATH with one that holds no go'
        # A folder of its own, not /usr/bin: a go may be installed there.
        Arrange = { param($s) Set-Settings $s @{ 'go.toolsEnvVars' = @{ PATH = "$($s.Root)/tools" } } }
        Repairs = @{ GOENV001 = 'Changed' }
    }
    @{
        Name = 'other-go'; Expected = 'GOENV002'; Fixed = 'GOENV002'
        Because = 'gopls finds another go (same release) first on its PATH'
        Arrange = {
            param($s)
            Write-Executable "$($s.Root)/other/bin/go" '#!/bin/sh', "exec $realGo ""`$@"""
            Set-Settings $s @{ 'go.toolsEnvVars' = @{ PATH = "$($s.Root)/other/bin:`${env:PATH}" } }
        }
        Repairs = @{ GOENV002 = 'Changed' }
    }
    @{
        Name = 'go-version'; Expected = 'GOENV014'; Fixed = 'GOENV014'
        Because = 'gopls finds an older Go release first on its PATH'
        Arrange = {
            param($s)
            # Only one Go release is installed here: this go reports itself as go1.18.10 and runs the real one.
            Write-Executable "$($s.Root)/old/bin/go" @(
                '#!/bin/sh'
                'case "$1" in'
                '  version) echo "go version go1.18.10 linux/amd64" ;;'
                "  env) $realGo ""`$@"" | sed 's/""GOVERSION"": ""[^""]*""/""GOVERSION"": ""go1.18.10""/' ;;"
                "  *) exec $realGo ""`$@"" ;;"
                'esac'
            )
            Set-Settings $s @{ 'go.toolsEnvVars' = @{ PATH = "$($s.Root)/old/bin:`${env:PATH}" } }
        }
        Repairs = @{ GOENV014 = 'Changed' }
    }
    @{
        Name = 'variable-conflict'; Expected = 'GOENV003'; Fixed = 'GOENV003'
        Because = 'a stale GOPROXY in go.toolsEnvVars overrides the one the profile exports'
        Arrange = {
            param($s)
            Add-Content -LiteralPath "$($s.Home)/.profile" -Value 'export GOPROXY=https://proxy.example.test,direct'
            Set-Settings $s @{ 'go.toolsEnvVars' = @{ GOPROXY = 'https://old-proxy.example.test' } }
        }
        Repairs = @{ GOENV003 = 'Changed' }; RepairKind = 'Settings'
    }
    @{
        Name = 'variable-missing'; Expected = 'GOENV003', 'GOENV013'; Fixed = 'GOENV003'; FromCli = $true
        Because = 'VS Code started from a terminal that lacks the GOFLAGS the profile exports'
        Arrange = {
            param($s)
            Add-Content -LiteralPath "$($s.Home)/.profile" -Value 'export GOFLAGS=-mod=mod'
            $s.Session['PATH'] = "$($s.GoBin):/usr/bin:/bin"
        }
        Repairs = @{ GOENV003 = 'Changed' }; RepairKind = 'GoEnvConfig'; GoEnvLine = 'GOFLAGS=-mod=mod'
    }
    @{
        Name = 'proxy-missing'; Expected = 'GOENV003'; Fixed = 'GOENV003'
        Because = 'GOPROXY was added to the profile after VS Code resolved the shell, so gopls lacks it'
        Arrange = { param($s) }
        AfterStart = { param($s) Add-Content -LiteralPath "$($s.Home)/.profile" -Value 'export GOPROXY=https://proxy.example.test,direct' }
        Repairs = @{ GOENV003 = 'Changed' }; RepairKind = 'GoEnvConfig'; GoEnvLine = 'GOPROXY=https://proxy.example.test,direct'
    }
    @{
        Name = 'slow-shell'; Expected = 'GOENV004', 'GOENV020'; Fixed = 'GOENV020'
        Because = 'the profile takes over 3 s and is all that puts go on PATH, which the desktop session lacks'
        Arrange = { param($s) Add-Content -LiteralPath "$($s.Home)/.profile" -Value 'sleep 3.3' }
        Repairs = @{ GOENV020 = 'Changed' }; RepairKind = 'GuiEnvironment'; GiveUp = $true
    }
    @{
        Name = 'shell-timeout'; Expected = 'GOENV005'; Fixed = 'GOENV005'; ShellTimeout = 2
        Because = 'the profile does not finish within the timeout'
        Arrange = { param($s) Add-Content -LiteralPath "$($s.Home)/.profile" -Value 'sleep 30' }
        # The fix the finding names: skip the slow work while VS Code resolves the environment.
        ManualFix = { param($s) Set-Content -LiteralPath "$($s.Home)/.profile" -Value "export PATH=""$($s.GoBin):`$PATH""", '[ -n "$VSCODE_RESOLVING_ENVIRONMENT" ] || sleep 30' }
    }
    @{
        Name = 'bashrc-only'; Expected = 'GOENV006'; Fixed = 'GOENV006'
        Because = 'GOPRIVATE is exported in .bashrc, which bash -l does not read'
        Arrange = { param($s) Set-Content -LiteralPath "$($s.Home)/.bashrc" -Value 'export GOPRIVATE=corp.example.test/*' }
        Repairs = @{ GOENV006 = 'Changed' }; RepairKind = 'GoEnvConfig'; GoEnvLine = 'GOPRIVATE=corp.example.test/*'
    }
    @{
        Name = 'goroot-file'; Expected = 'GOENV007'; Fixed = 'GOENV007'
        Because = 'go.goroot names a wrapper script'
        Arrange = {
            param($s)
            Write-Executable "$($s.Root)/bin/go-wrapper" '#!/bin/sh', "exec $realGo ""`$@"""
            Set-Settings $s @{ 'go.goroot' = "$($s.Root)/bin/go-wrapper" }
        }
        Repairs = @{ GOENV007 = 'Changed' }
    }
    @{
        Name = 'pinned-path'; Expected = 'GOENV008'
        Because = 'go.toolsEnvVars.PATH names one Go version''s folder'
        Arrange = { param($s) Set-Settings $s @{ 'go.toolsEnvVars' = @{ PATH = "$goRoot/bin:`${env:PATH}" } } }
    }
    @{
        Name = 'alternate-go-wrapper'; Expected = 'GOENV009'; Fixed = 'GOENV009'
        Because = 'go.alternateTools.go names a wrapper, which vscode-go bypasses for gopls'
        Arrange = {
            param($s)
            Write-Executable "$($s.Root)/bin/go" '#!/bin/sh', '. "$HOME/.profile"', "exec $realGo ""`$@"""
            Set-Settings $s @{ 'go.alternateTools' = @{ go = "$($s.Root)/bin/go" } }
            # Who started the login shell whose environment a process has.
            Add-Content -LiteralPath "$($s.Home)/.profile" -Value 'export GOENVTOOLS_SHELL_PARENT=$PPID'
        }
        # Two steps: go.alternateTools.go removed, then a gopls wrapper installed and named in go.alternateTools.gopls.
        Repairs = @{ GOENV009 = 'Changed' }; RepairKind = 'Wrapper'; Wrapper = $true
    }
    @{
        Name = 'settings-parse-error'; Expected = 'GOENV010'; Fixed = 'GOENV010'
        Because = 'the user settings file is not valid JSONC'
        Arrange = { param($s) Set-Settings $s "{`n  `"editor.fontSize`": 14,`n  `"go.toolsEnvVars`": { `"GOFLAGS`" `"-mod=mod`" }`n}`n" }
        ManualFix = { param($s) Set-Settings $s @{ 'editor.fontSize' = 14 } }
    }
    @{
        Name = 'terminal-only'; Expected = 'GOENV011'; Fixed = 'GOENV011'
        Because = 'GOFLAGS is set in terminal.integrated.env.linux only'
        Arrange = { param($s) Set-Settings $s @{ 'terminal.integrated.env.linux' = @{ GOFLAGS = '-tags=integration' } } }
        Repairs = @{ GOENV011 = 'Changed' }
    }
    @{
        Name = 'flatpak'; Expected = 'GOENV012'
        Because = 'VS Code runs in a Flatpak sandbox'
        Arrange = { param($s) $s.Session['FLATPAK_ID'] = 'com.visualstudio.code' }
    }
    @{
        Name = 'started-from-terminal'; Expected = 'GOENV013'; FromCli = $true
        Because = 'VS Code was started by the code command from a terminal'
        Arrange = { param($s) $s.Session['PATH'] = "$($s.GoBin):/usr/bin:/bin" }
    }
    @{
        Name = 'no-gopls'; Expected = 'GOENV015'; NoEditor = $true
        Because = 'no gopls runs: only settings and shells are diagnosed'
        Arrange = { param($s) }
    }
) {
    BeforeAll {
        $script:ready = (Test-Path /usr/bin/gopls) -and (Test-Path $realGo)
        if (-not $ready) { return }
        $script:scene = New-Stage $Name
        & $Arrange $scene
        $timeout = if ($ShellTimeout) { $ShellTimeout } else { 10 }
        $script:editor = if ($NoEditor) { $null } else { Start-StageEditor $scene -FromCli:([bool]$FromCli) -ShellTimeoutSeconds $timeout }
        if ($AfterStart) { & $AfterStart $scene }
        # VS Code gives up on the shell (1 s): the PATH gopls then has, before the repair and after it.
        $script:giveUpBefore = if ($GiveUp) { Get-GiveUpPath $scene }
        $ids = if ($editor) { @($editor.GoplsId) } else { @() }
        $script:before = Invoke-Diagnosis $scene -GoplsId $ids -Repair -TimeoutSeconds $timeout -Isolated:([bool]$NoEditor)
        if ($editor) { Stop-EmulatedEditor $editor }
        if ($ManualFix) { & $ManualFix $scene }

        # The editor started again: it resolves the shell and reads the settings anew, and starts a new gopls.
        $script:editorAfter = if ($NoEditor) { $null } else { Start-StageEditor $scene -FromCli:([bool]$FromCli) -ShellTimeoutSeconds $timeout }
        $idsAfter = if ($editorAfter) { @($editorAfter.GoplsId) } else { @() }
        $script:afterShellParent = if ($editorAfter) { Get-ProcessVariable $editorAfter.GoplsId 'GOENVTOOLS_SHELL_PARENT' }
        $script:after = Invoke-Diagnosis $scene -GoplsId $idsAfter -TimeoutSeconds $timeout -Isolated:([bool]$NoEditor)
        if ($editorAfter) { Stop-EmulatedEditor $editorAfter }
        $script:giveUpAfter = if ($GiveUp) { Get-GiveUpPath $scene }
    }

    It 'reports <Expected> and nothing else when <Because>' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $realGo -Package golang-1.19-go)) { return }
        $before.Ids | Should -Be (Get-Expected $Expected) -Because ($before.Findings | ForEach-Object { "$($_.Id): $($_.Title)" } | Out-String)
    }

    It 'gives every finding a documented id, a title and a help topic, and a fix where the module has one' {
        if (-not $ready) { Set-ItResult -Skipped -Because 'gopls or go is missing'; return }
        foreach ($finding in $before.Findings) {
            $finding.Id | Should -Match '^GOENV\d{3}$'
            $finding.Title | Should -Not -BeNullOrEmpty
        }
        foreach ($id in $Repairs.Keys) {
            ($before.Findings | Where-Object Id -eq $id).Fix | Should -Not -BeNullOrEmpty
        }
    }

    It 'repairs what the module can repair' {
        if (-not $ready) { Set-ItResult -Skipped -Because 'gopls or go is missing'; return }
        if (-not $Repairs) {
            $before.Repairs | Should -BeNullOrEmpty -Because 'this finding has no fix the module makes'
            return
        }
        foreach ($id in $Repairs.Keys) {
            $results = @($before.Repairs | Where-Object FindingId -eq $id)
            $results | Should -Not -BeNullOrEmpty
            $results.Status | Should -Be (@($results).ForEach({ $Repairs[$id] })) -Because ($results | Out-String)
            if ($RepairKind) { $results.Kind | Should -Contain $RepairKind }
        }
    }

    It 'makes each repair once: a second run says NoChange' {
        if (-not $ready) { Set-ItResult -Skipped -Because 'gopls or go is missing'; return }
        $again = @($before.Again)
        if (-not $Repairs) { $again | Should -BeNullOrEmpty; return }
        $again.Count | Should -Be @($before.Repairs).Count
        $again.Status | Should -Be (@($again).ForEach({ 'NoChange' })) -Because ($again | Out-String)
    }

    It 'writes what the repair says where gopls reads it' {
        if (-not $ready) { Set-ItResult -Skipped -Because 'gopls or go is missing'; return }
        if ($GoEnvLine) {
            $file = "$($scene.Home)/.config/go/env"
            @($before.Repairs | Where-Object Kind -eq 'GoEnvConfig').Target | Should -Be $file
            Get-Content -LiteralPath $file | Should -Contain $GoEnvLine
        }
        if ($RepairKind -eq 'GuiEnvironment') {
            $gui = @($before.Repairs | Where-Object Kind -eq 'GuiEnvironment')
            $gui.Target | Should -Be "$($scene.Home)/.config/environment.d/60-goenvtools.conf"
            $gui.RestartNeeded | Should -BeLike 'Log out and in*'
            $gui.Message | Should -BeLike 'No systemd user manager answers*'
        }
        if ($Wrapper) {
            $installed = "$($scene.Home)/.local/share/goenvtools/bin/gopls"
            @($before.Repairs | Where-Object Kind -eq 'Wrapper').Target | Should -Be $installed
            (Get-Content -Raw -LiteralPath $installed) | Should -Match 'GoEnvTools'
            $settings = Get-Content -Raw -LiteralPath $scene.Settings | ConvertFrom-Json -AsHashtable
            $settings['go.alternateTools'] | Should -Not -BeNullOrEmpty
            $settings['go.alternateTools'].Keys | Should -Not -Contain 'go'
            $settings['go.alternateTools']['gopls'] | Should -Be $installed
            # The editor started again runs gopls through the wrapper: the login shell whose environment gopls has was
            # started by the process that is now gopls (the wrapper, which then exec'd gopls in its place).
            $afterShellParent | Should -Be "$($editorAfter.GoplsId)"
        }
        if ($GiveUp) {
            # Before: a VS Code that gives up on the slow shell starts gopls without go on PATH; after: with it.
            $giveUpBefore | Should -Not -Contain $scene.GoBin
            $giveUpAfter | Should -Contain $scene.GoBin
        }
    }

    It 'leaves no Error for a gopls started after the repair' {
        if (-not $ready) { Set-ItResult -Skipped -Because 'gopls or go is missing'; return }
        @($after.Findings | Where-Object Severity -eq 'Error') | Should -BeNullOrEmpty -Because ($after.Findings | ForEach-Object { "$($_.Id): $($_.Detail)" } | Out-String)
        if ($Fixed) { $after.Ids | Should -Not -Contain $Fixed }
    }
}

Describe 'Repair-GoEnvironment' -Tag 'Integration' {
    BeforeAll {
        $script:ready = (Test-Path /usr/bin/gopls) -and (Test-Path $realGo)
        if (-not $ready) { return }
        $script:stage = New-Stage 'repair-twice'
        Set-Settings $stage @{ 'go.toolsEnvVars' = @{ PATH = "$($stage.Root)/tools" } }
        $script:editor = Start-StageEditor $stage
    }
    AfterAll {
        if ($editor) { Stop-EmulatedEditor $editor }
    }

    It 'changes nothing with -WhatIf, then repairs, then finds nothing left to change' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $saved = @{ HOME = $env:HOME; SHELL = $env:SHELL; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
        try {
            $env:HOME = $stage.Home; $env:SHELL = '/bin/bash'; $env:XDG_CONFIG_HOME = $null
            $original = Get-Content -Raw $stage.Settings
            $findings = @(Test-GoEnvironment -Id $editor.GoplsId -Path $stage.Workspace)
            $findings.Id | Should -Contain 'GOENV001'
            $whatIf = @($findings | Repair-GoEnvironment -WhatIf)
            $whatIf.Status | Should -Be 'Skipped'
            Get-Content -Raw $stage.Settings | Should -BeExactly $original

            $first = @($findings | Repair-GoEnvironment -Confirm:$false -WarningVariable restart -WarningAction SilentlyContinue)
            $first.Status | Should -Be 'Changed'
            $first.RestartNeeded | Should -Match 'gopls'
            "$restart" | Should -Match 'Before gopls sees the changes: gopls: vscode-go restarts it'
            (Get-Content -Raw $stage.Settings | ConvertFrom-Json).'go.toolsEnvVars'.PATH | Should -BeExactly "$($stage.GoBin):$($stage.Root)/tools:`${env:PATH}"

            $second = @($findings | Repair-GoEnvironment -Confirm:$false)
            $second.Status | Should -Be 'NoChange'
        }
        finally {
            $env:HOME = $saved.HOME; $env:SHELL = $saved.SHELL; $env:XDG_CONFIG_HOME = $saved.XDG_CONFIG_HOME
        }
    }

    It 'refuses what is not a finding, naming what it takes' {
        { 'GOENV001' | Repair-GoEnvironment -ErrorAction Stop } | Should -Throw -ErrorId 'RepairInputNotSupported,GoEnvTools.Commands.RepairGoEnvironmentCommand'
    }
}

Describe 'Repair-GoEnvironment through go env -w and the GUI environment' -Tag 'Integration' {
    BeforeEach { $script:home3 = Use-TestHome -Root $TestDrive }
    AfterEach { Restore-TestHome }

    It 'asks first, writes the go env file with the finding''s go, says NoChange next, and Remove-GoEnvConfig undoes it' {
        if (-not (Test-Component -Path $realGo -Package golang-1.19-go)) { return }
        $action = [GoEnvTools.RepairAction]::new('GoEnvConfig', 'Set-GoEnvConfig', [ordered]@{ Name = 'GOPRIVATE'; Value = 'corp.example.test/*' }, 'VS Code')
        $action.GoBinary = $realGo
        $finding = [GoEnvTools.GoEnvFinding]@{ Id = 'GOENV003'; Severity = 'Warning'; Title = 'GOPRIVATE differs'; Repair = @($action) }
        $file = "$home3/.config/go/env"

        ($finding | Repair-GoEnvironment -WhatIf).Status | Should -Be 'Skipped'
        Test-Path $file | Should -BeFalse
        $first = $finding | Repair-GoEnvironment -Confirm:$false -WarningAction SilentlyContinue
        ($first.Status, $first.Target, $first.Kind) | Should -Be 'Changed', $file, 'GoEnvConfig'
        & $realGo env GOPRIVATE | Should -Be 'corp.example.test/*'
        ($finding | Repair-GoEnvironment -Confirm:$false).Status | Should -Be 'NoChange'

        Remove-GoEnvConfig -Name GOPRIVATE -GoBinary $realGo -WarningAction SilentlyContinue
        & $realGo env GOPRIVATE | Should -BeNullOrEmpty
    }

    It 'sets the GUI environment through its store: -WhatIf, Changed with the store''s restart, NoChange, and a refusal that says nothing was changed' {
        $action = [GoEnvTools.RepairAction]::new('GuiEnvironment', 'Set-GuiEnvironmentVariable', [ordered]@{ Name = 'PATH'; Value = '/opt/go/bin:/usr/bin:/bin' }, 'the desktop session')
        $finding = [GoEnvTools.GoEnvFinding]@{ Id = 'GOENV020'; Severity = 'Warning'; Title = 'go only through the shell'; Repair = @($action) }
        $conf = "$home3/.config/environment.d/60-goenvtools.conf"

        ($finding | Repair-GoEnvironment -WhatIf).Status | Should -Be 'Skipped'
        Test-Path $conf | Should -BeFalse
        $first = $finding | Repair-GoEnvironment -Confirm:$false -WarningVariable restart -WarningAction SilentlyContinue
        ($first.Status, $first.Target, $first.Kind) | Should -Be 'Changed', $conf, 'GuiEnvironment'
        $first.RestartNeeded | Should -BeLike 'Log out and in*'
        "$restart" | Should -BeLike '*Log out and in*'
        if (Test-Component -Path /usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator -Package systemd) {
            (Get-GuiEnvironment -Name PATH).Variables['PATH'] | Should -Be '/opt/go/bin:/usr/bin:/bin'
        }
        ($finding | Repair-GoEnvironment -Confirm:$false).Status | Should -Be 'NoChange'

        # The module's file name, but not the module's file: left alone, and the error says so.
        Set-Content -LiteralPath $conf -Value 'PATH=/mine'
        $refused = $finding | Repair-GoEnvironment -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $refused.Status | Should -Be 'Failed'
        $refused.Message | Should -Match 'not written by GoEnvTools'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'RepairFailed*'
        Get-Content -LiteralPath $conf | Should -Be 'PATH=/mine'
    }
}

Describe 'Test-GoEnvironment output' {
    It 'documents every finding id in about_GoEnvTools_Findings, each with its cause, detection and fix' {
        $text = Get-Content -Raw (Join-Path (Split-Path (Get-TestModulePath)) 'en-US/about_GoEnvTools_Findings.help.txt')
        [GoEnvTools.FindingIds]::All.Count | Should -BeGreaterOrEqual 18
        foreach ($id in [GoEnvTools.FindingIds]::All) {
            $entry = [regex]::Match($text, "(?ms)^    $id  .*?(?=^    GOENV|^SEE ALSO)").Value
            $entry | Should -Not -BeNullOrEmpty -Because "$id needs an entry"
            foreach ($part in 'Severity', 'Cause', 'Detection', 'Fix') { $entry | Should -Match "(?m)^        $part\s" -Because "$id needs its $part" }
        }
    }

    It 'shows findings grouped by severity in 120 columns' {
        $finding = [GoEnvTools.GoEnvFinding]@{
            Id = 'GOENV001'; Severity = 'Error'; Title = 'gopls cannot find go on its PATH, while your shell finds /usr/local/go/bin/go'
            Fix = "Set-VsCodeGoToolsEnv -Editor 'Code' -PrependPath '/usr/local/go/bin'"
        }
        $lines = @(($finding | Format-Table | Out-String -Width 120) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -Match 'Severity: Error'
        $lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
        ($lines -join ' ') | Should -Match 'PrependPath'
    }

    It 'writes a Markdown report of this machine with the findings it returns' {
        $report = Join-Path $TestDrive 'report.md'
        $findings = @(Test-GoEnvironment -Report $report -TimeoutSeconds 20)
        $text = Get-Content -Raw $report
        $text | Should -Match '(?m)^# GoEnvTools diagnosis'
        $text | Should -Match '(?m)^## What was read'
        foreach ($finding in $findings) { $text | Should -Match "(?m)^### $($finding.Id) \($($finding.Severity)\)" }
    }

    It 'comes back from a job with its severity as a name, its evidence and its views' {
        $back = @(Receive-FromJob -Command 'Test-GoEnvironment -TimeoutSeconds 20')
        $back.Count | Should -BeGreaterThan 0
        $back[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.GoEnvFinding'
        $back[0].Severity | Should -BeIn 'Error', 'Warning', 'Info'
        $back[0].Id | Should -Match '^GOENV\d{3}$'
        (Get-Rendered -InputObject $back -As Table)[0] | Should -Match 'Severity: '
        (Get-Rendered -InputObject $back[0] -As List) -join ' ' | Should -Match 'HelpTopic\s*: about_GoEnvTools_Findings'
    }

    It 'refuses a workspace folder that does not exist' {
        { Test-GoEnvironment -Path (Join-Path $TestDrive 'missing') -ErrorAction Stop } | Should -Throw -ErrorId 'DiagnosisPathNotFound,GoEnvTools.Commands.TestGoEnvironmentCommand'
    }
}
