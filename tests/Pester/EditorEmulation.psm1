<#
    Emulates how VS Code and vscode-go build gopls's environment, written from the facts about them (shell
    resolution, then vscode-go's own changes, then go.toolsEnvVars) and independent of the module under test,
    so a scenario test cannot agree with itself. Then starts a real gopls with that environment under a fake
    editor process tree (an Electron-like main process and an extension host, both copies of bash).
#>

Set-StrictMode -Version 3.0

function ConvertTo-ShLiteral([string] $Value) { "'" + $Value.Replace("'", "'\''") + "'" }

# Runs a program with exactly the given environment; returns its exit code, or $null when the timeout killed it.
function Invoke-WithEnvironment {
    param(
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Environment,
        [Parameter(Mandatory)] [string[]] $Command,
        [int] $TimeoutSeconds = 60,
        [string] $WorkingDirectory = '/'
    )
    $info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/setsid')
    $info.ArgumentList.Add('--wait')
    foreach ($c in $Command) { $info.ArgumentList.Add($c) }
    $info.UseShellExecute = $false
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.WorkingDirectory = $WorkingDirectory
    $info.Environment.Clear()
    foreach ($k in $Environment.Keys) { $info.Environment[$k] = [string]$Environment[$k] }
    $process = [Diagnostics.Process]::Start($info)
    $process.StandardInput.Close()
    $out = $process.StandardOutput.ReadToEndAsync()
    $err = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        # setsid made the child a session leader: its process group holds everything the shell started.
        & /bin/kill -KILL -- "-$($process.Id)" 2>$null
        $process.WaitForExit()
        return [pscustomobject]@{ ExitCode = $null; Output = ''; Error = '' }
    }
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $out.Result; Error = $err.Result }
}

<#
    VS Code's start-up shell resolution: $SHELL (else sh) with -i -l -c, VSCODE_RESOLVING_ENVIRONMENT=1 in its
    environment, a timeout (application.shellEnvironmentResolutionTimeout, 10 s by default); XDG_RUNTIME_DIR is
    dropped from the result. Returns the environment the shell exported, or $null when it failed or timed out.
#>
function Resolve-EmulatedShellEnvironment {
    param(
        [Parameter(Mandatory)] [System.Collections.IDictionary] $SessionEnvironment,
        [int] $TimeoutSeconds = 10
    )
    $shell = if ($SessionEnvironment['SHELL']) { $SessionEnvironment['SHELL'] } else { '/bin/sh' }
    $dump = Join-Path ([IO.Path]::GetTempPath()) ('emulated-env-' + [guid]::NewGuid().ToString('N'))
    $childEnv = [ordered]@{}
    foreach ($k in $SessionEnvironment.Keys) { $childEnv[$k] = $SessionEnvironment[$k] }
    $childEnv['VSCODE_RESOLVING_ENVIRONMENT'] = '1'
    try {
        $run = Invoke-WithEnvironment -Environment $childEnv -TimeoutSeconds $TimeoutSeconds `
            -Command $shell, '-i', '-l', '-c', "/usr/bin/env -0 > $(ConvertTo-ShLiteral $dump)"
        if ($null -eq $run.ExitCode -or $run.ExitCode -ne 0 -or -not (Test-Path $dump)) { return $null }
        $result = [ordered]@{}
        $text = [IO.File]::ReadAllText($dump)
        foreach ($entry in $text.Split([char]0)) {
            $eq = $entry.IndexOf('=')
            if ($eq -gt 0 -and -not $result.Contains($entry.Substring(0, $eq))) { $result[$entry.Substring(0, $eq)] = $entry.Substring($eq + 1) }
        }
        $result.Remove('VSCODE_RESOLVING_ENVIRONMENT')
        $result.Remove('XDG_RUNTIME_DIR')
        $result
    }
    finally {
        Remove-Item -LiteralPath $dump -ErrorAction Ignore
    }
}

<#
    What the desktop session gives the apps it starts, emulated as the systemd user manager builds it at login: its own
    environment, then whatever systemd's environment-d generator makes of ~/.config/environment.d (and
    /etc/environment.d). The generator prints shell-quoted assignments; a POSIX shell reads them back. Without the
    generator the session is returned as it is.
#>
function Get-EmulatedLoginSession {
    param(
        [Parameter(Mandatory)] [System.Collections.IDictionary] $SessionEnvironment,
        [string] $Generator = '/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator'
    )
    $session = [ordered]@{}
    foreach ($k in $SessionEnvironment.Keys) { $session[$k] = $SessionEnvironment[$k] }
    if (-not (Test-Path -LiteralPath $Generator)) { return $session }
    $run = Invoke-WithEnvironment -Environment $session -Command '/bin/sh', '-c', 'set -a; eval "$("$0")" || exit 1; exec /usr/bin/env -0', $Generator
    if ($run.ExitCode -ne 0) { throw "systemd's generator failed: $($run.Error)" }
    $result = [ordered]@{}
    foreach ($entry in $run.Output.Split([char]0)) {
        $eq = $entry.IndexOf('=')
        if ($eq -gt 0) { $result[$entry.Substring(0, $eq)] = $entry.Substring($eq + 1) }
    }
    $result.Remove('PWD'); $result.Remove('SHLVL'); $result.Remove('_')
    $result
}

function Find-OnPath([string] $Name, [string] $PathValue) {
    foreach ($dir in ($PathValue -split ':')) {
        if (-not $dir.StartsWith('/')) { continue }
        $candidate = Join-Path $dir $Name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) {
            & /usr/bin/test -x $candidate
            if ($LASTEXITCODE -eq 0) { return $candidate }
        }
    }
    $null
}

# vscode-go's substitutions in go.toolsEnvVars: ${env:X} from the extension host, ${workspaceFolder}, a leading ~.
function Expand-ToolsEnvValue([string] $Value, [System.Collections.IDictionary] $Environment, [string] $WorkspaceFolder) {
    $expanded = [regex]::Replace($Value, '\$\{env:([^}]+)\}', { param($m) [string]$Environment[$m.Groups[1].Value] })
    $expanded = $expanded.Replace('${workspaceFolder}', $WorkspaceFolder)
    if ($expanded -eq '~' -or $expanded.StartsWith('~/')) { $expanded = $Environment['HOME'] + $expanded.Substring(1) }
    $expanded
}

<#
    The environments of the extension host (as exec'd) and of gopls, for a session environment (what the desktop
    or the terminal gives VS Code) and a user settings file.
#>
function Get-EmulatedEditorEnvironment {
    param(
        [Parameter(Mandatory)] [System.Collections.IDictionary] $SessionEnvironment,
        [string] $SettingsPath,
        [Parameter(Mandatory)] [string] $WorkspaceFolder,
        # Started by the code CLI from a terminal: no shell resolution, VSCODE_CLI set.
        [switch] $FromCli,
        [int] $ShellTimeoutSeconds = 10
    )
    # 1. VS Code's main process: its own environment plus what the login shell exports.
    $main = [ordered]@{}
    foreach ($k in $SessionEnvironment.Keys) { $main[$k] = $SessionEnvironment[$k] }
    if ($FromCli) {
        $main['VSCODE_CLI'] = '1'
    }
    else {
        $resolved = Resolve-EmulatedShellEnvironment -SessionEnvironment $SessionEnvironment -TimeoutSeconds $ShellTimeoutSeconds
        if ($resolved) { foreach ($k in $resolved.Keys) { $main[$k] = $resolved[$k] } }
    }

    # 2. The extension host: VS Code's own variables added, a few removed.
    $hostEnv = [ordered]@{}
    foreach ($k in $main.Keys) { if ($k -notin 'NODE_OPTIONS', 'LD_PRELOAD', 'DYLD_INSERT_LIBRARIES', 'DEBUG') { $hostEnv[$k] = $main[$k] } }
    $hostEnv['VSCODE_CWD'] = $WorkspaceFolder
    $hostEnv['VSCODE_CRASH_REPORTER_PROCESS_TYPE'] = 'extensionHost'
    $hostEnv['ELECTRON_RUN_AS_NODE'] = '1'

    # VS Code reads a settings file with errors only up to the error; these scenarios treat it as holding nothing.
    $settings = $null
    if ($SettingsPath -and (Test-Path -LiteralPath $SettingsPath)) {
        try { $settings = Get-Content -Raw -LiteralPath $SettingsPath | ConvertFrom-Json -AsHashtable } catch { $settings = $null }
    }
    $setting = { param($name) if ($settings -and $settings.ContainsKey($name)) { $settings[$name] } else { $null } }

    # 3. vscode-go changes its own process environment before it starts gopls.
    $goEnv = [ordered]@{}
    foreach ($k in $hostEnv.Keys) { $goEnv[$k] = $hostEnv[$k] }
    $goroot = & $setting 'go.goroot'
    if ($goroot -and (Test-Path -LiteralPath $goroot -PathType Container)) { $goEnv['GOROOT'] = $goroot }
    $alternate = & $setting 'go.alternateTools'
    $alternateGo = if ($alternate -and $alternate['go']) { $alternate['go'] } else { $null }
    $go = if ($alternateGo) { $alternateGo }
          elseif ($goEnv['GOROOT'] -and (Test-Path (Join-Path $goEnv['GOROOT'] 'bin/go'))) { Join-Path $goEnv['GOROOT'] 'bin/go' }
          else { Find-OnPath 'go' $goEnv['PATH'] }
    if ($go) {
        $run = Invoke-WithEnvironment -Environment $goEnv -Command $go, 'env', '-json' -WorkingDirectory $WorkspaceFolder
        if ($run.ExitCode -eq 0) {
            $values = $run.Output | ConvertFrom-Json -AsHashtable
            foreach ($name in 'GOPATH', 'GOROOT', 'GOPROXY', 'GOBIN', 'GOMODCACHE') {
                if (-not $goEnv[$name] -and $values[$name]) { $goEnv[$name] = $values[$name] }
            }
            if ($alternateGo -and $values['GOROOT']) { $goEnv['PATH'] = (Join-Path $values['GOROOT'] 'bin') + ':' + $goEnv['PATH'] }
        }
    }

    # 4. gopls gets that environment plus go.toolsEnvVars, substituted against it.
    $gopls = [ordered]@{}
    foreach ($k in $goEnv.Keys) { $gopls[$k] = $goEnv[$k] }
    $tools = & $setting 'go.toolsEnvVars'
    if ($tools) {
        foreach ($k in $tools.Keys) { $gopls[$k] = Expand-ToolsEnvValue ([string]$tools[$k]) $goEnv $WorkspaceFolder }
    }
    # vscode-go starts the gopls that go.alternateTools.gopls names, else the one it finds (here Debian's).
    $goplsPath = if ($alternate -and $alternate['gopls']) { $alternate['gopls'] } else { '/usr/bin/gopls' }
    [pscustomobject]@{ ExtensionHost = $hostEnv; Gopls = $gopls; GoplsPath = $goplsPath }
}

<#
    Starts a fake VS Code (main process and extension host: copies of bash at usr/share/code/code under $Root) with
    the extension host's environment, and a real gopls started by it with gopls's environment, in the workspace.
#>
function Start-EmulatedEditor {
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] $Environment,
        [Parameter(Mandatory)] [string] $WorkspaceFolder
    )
    $binary = Join-Path $Root 'usr/share/code/code'
    if (-not (Test-Path $binary)) {
        New-Item -ItemType Directory -Force -Path (Split-Path $binary) | Out-Null
        Copy-Item /bin/bash $binary
    }
    $scripts = Join-Path $Root ('scripts-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $scripts | Out-Null
    $goplsVars = foreach ($k in $Environment.Gopls.Keys) { ConvertTo-ShLiteral "$k=$($Environment.Gopls[$k])" }
    $hostVars = foreach ($k in $Environment.ExtensionHost.Keys) { ConvertTo-ShLiteral "$k=$($Environment.ExtensionHost[$k])" }
    Set-Content -Path "$scripts/exthost.sh" -Value @(
        "cd $(ConvertTo-ShLiteral $WorkspaceFolder) || exit 1"
        "/usr/bin/env -i $($goplsVars -join ' ') $(ConvertTo-ShLiteral $Environment.GoplsPath) serve -listen=127.0.0.1:0"
        'exit $?'
    )
    Set-Content -Path "$scripts/main.sh" -Value @(
        "/usr/bin/env -i $($hostVars -join ' ') $(ConvertTo-ShLiteral $binary) $(ConvertTo-ShLiteral "$scripts/exthost.sh") --type=utility --utility-sub-type=node.mojom.NodeService"
        'exit $?'
    )
    $info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/setsid')
    $info.ArgumentList.Add($binary)
    $info.ArgumentList.Add("$scripts/main.sh")
    $info.UseShellExecute = $false
    $info.RedirectStandardInput = $true
    $group = [Diagnostics.Process]::Start($info)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $goplsId = $null
    while (-not $goplsId -and $watch.Elapsed.TotalSeconds -lt 20) {
        foreach ($dir in Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$') {
            if ((Get-Content "$($dir.FullName)/comm" -ErrorAction Ignore) -ne 'gopls') { continue }
            $stat = Get-Content -Raw "$($dir.FullName)/stat" -ErrorAction Ignore
            if (-not $stat) { continue }
            $parent = [int]$stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')[1]
            $parentStat = Get-Content -Raw "/proc/$parent/stat" -ErrorAction Ignore
            if ($parentStat -and [int]$parentStat.Substring($parentStat.LastIndexOf(')') + 2).Split(' ')[1] -eq $group.Id) { $goplsId = [int]$dir.Name }
        }
        if (-not $goplsId) { Start-Sleep -Milliseconds 50 }
    }
    if (-not $goplsId) {
        & /bin/kill -KILL -- "-$($group.Id)" 2>$null
        throw 'gopls did not start under the emulated editor within 20 s.'
    }
    [pscustomobject]@{ Group = $group; GoplsId = $goplsId }
}

function Stop-EmulatedEditor {
    param([Parameter(Mandatory)] $Editor)
    & /bin/kill -KILL -- "-$($Editor.Group.Id)" 2>$null
    $Editor.Group.WaitForExit(5000) | Out-Null
}

Export-ModuleMember -Function Invoke-WithEnvironment, Get-EmulatedLoginSession, Get-EmulatedEditorEnvironment, Start-EmulatedEditor, Stop-EmulatedEditor
