#Requires -Version 7.2
<#
.SYNOPSIS
    How long a whole Test-GoEnvironment takes on a machine with 1,000+ processes, against the cmdlets of its phases
    run one by one.
.DESCRIPTION
    Not a timed test: it prints figures and exits 0 whether or not the goals are met. It exits non-zero only when
    something could not run (no gopls, no go, no bash).

    Set-up: tops the process table up to at least -MinimumProcesses (+ -Margin) with `/bin/sleep` processes, starts
    two real `gopls serve` daemons whose PATH finds go, and points HOME at a temporary folder holding a ~/.profile
    that puts go on PATH and a VS Code user settings.json with Go settings; SHELL is bash. systemctl --user is
    pointed at an empty folder (XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS), so the GUI environment is what systemd's
    environment-d generator makes of the temporary HOME, never this machine's user manager. Everything it starts is
    stopped, and HOME restored, in the finally block.

    Contenders, one after the other, each warmed up -Warmup times and timed -Iterations times; the median of a
    block is its figure for the round, and the table shows the median of the rounds:
      Test-GoEnvironment                    the whole diagnosis
      phases one by one (baseline)          the sum of the medians of the cmdlets that read what its phases read:
                                            Get-GoplsEnvironment; Get-VsCodeGoToolsEnv; Get-ShellEnvironment;
                                            Get-ShellEnvironment -NoLogin; Get-GoEnv of each gopls and of the login
                                            shell; Get-GuiEnvironment (the GUI session); New-GoEnvSnapshot (the
                                            terminal)
    Goals: Test-GoEnvironment at most 1.1x the baseline (its phases share one process-table scan and one shell
    run for the go lookups), and everything but the two shell start-ups under one second. Test-GoEnvironment's own
    breakdown by phase (its -Verbose timings) is printed too.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [ValidateRange(1, 1000)]
    [int] $Iterations = 7,

    [ValidateRange(0, 100)]
    [int] $Warmup = 2,

    [ValidateRange(1, 20)]
    [int] $Rounds = 3,

    [int] $MinimumProcesses = 1000,

    [int] $Margin = 50,

    [double] $GoalRatio = 1.1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

$goRoot = '/usr/lib/go-1.19'
$marker = [guid]::NewGuid().ToString('n')
$started = [Collections.Generic.List[Diagnostics.Process]]::new()
$goplsProcesses = [Collections.Generic.List[Diagnostics.Process]]::new()
$tempDir = Join-Path ([IO.Path]::GetTempPath()) "goenvtools-bench-diagnose-$marker"
$savedEnvironment = @{
    HOME = $env:HOME; SHELL = $env:SHELL; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME
    XDG_RUNTIME_DIR = $env:XDG_RUNTIME_DIR; DBUS_SESSION_BUS_ADDRESS = $env:DBUS_SESSION_BUS_ADDRESS
}
$failure = $null
$leftBehind = @()

try {
    if (-not $IsLinux) { throw 'This benchmark reads /proc: it runs on Linux only.' }
    foreach ($tool in '/usr/bin/gopls', "$goRoot/bin/go", '/bin/bash', '/bin/sleep') {
        if (-not (Test-Path $tool)) { throw "$tool was not found: install gopls, golang-1.19-go, bash and coreutils." }
    }
    Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath

    New-Item -ItemType Directory -Path "$tempDir/home/.config/Code/User", "$tempDir/work", "$tempDir/no-bus" | Out-Null
    Set-Content -LiteralPath "$tempDir/home/.profile" -Value "export PATH=""$goRoot/bin:`$PATH""", 'export GOFLAGS=-mod=mod'
    Set-Content -LiteralPath "$tempDir/home/.config/Code/User/settings.json" -Value '{ "go.toolsEnvVars": { "GOPROXY": "https://proxy.example.test" } }'
    Set-Content -LiteralPath "$tempDir/work/go.mod" -Value 'module example.test/bench', '', 'go 1.19'
    $env:HOME = "$tempDir/home"; $env:SHELL = '/bin/bash'; $env:XDG_CONFIG_HOME = $null
    $env:XDG_RUNTIME_DIR = "$tempDir/no-bus"; $env:DBUS_SESSION_BUS_ADDRESS = "unix:path=$tempDir/no-bus/bus"

    for ($i = 0; $i -lt 2; $i++) {
        $goplsArgs = @('serve', '-listen=127.0.0.1:0', '-listen.timeout=10m', "-logfile=$tempDir/gopls-$i.log")
        $goplsProcesses.Add((Start-TrackedProcess $started '/usr/bin/gopls' $goplsArgs @{ PATH = "$goRoot/bin:/usr/bin:/bin"; GOENVTOOLS_BENCH_MARKER = $marker } -WorkingDirectory $tempDir -Quiet))
    }
    $before = Get-ProcessCount
    $wanted = [math]::Max(0, $MinimumProcesses + $Margin - $before)
    Write-Host "Processes before set-up: $before; starting $wanted sleepers to reach at least $($MinimumProcesses + $Margin)."
    for ($i = 0; $i -lt $wanted; $i++) { $null = Start-TrackedProcess $started '/bin/sleep' @('600') }
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    foreach ($g in $goplsProcesses) {
        while ((Get-Content "/proc/$($g.Id)/comm" -ErrorAction Ignore) -ne 'gopls') {
            if ([DateTime]::UtcNow -gt $deadline) { throw "gopls $($g.Id) did not start within 15 s." }
            Start-Sleep -Milliseconds 20
        }
    }
    $ids = @($goplsProcesses | ForEach-Object Id)
    $processes = Get-ProcessCount
    if ($processes -lt $MinimumProcesses) { throw "Only $processes processes exist; the benchmark needs at least $MinimumProcesses." }
    Write-Host ("Timing {0} round(s) of {1} passes (after {2} warm-up passes) with {3} processes; our gopls: {4}." -f $Rounds, $Iterations, $Warmup, $processes, ($ids -join ', '))

    $work = "$tempDir/work"
    $phases = [ordered]@{
        'Get-GoplsEnvironment'              = { Get-GoplsEnvironment -Id $ids }
        'Get-VsCodeGoToolsEnv'              = { Get-VsCodeGoToolsEnv; Get-VsCodeGoToolsEnv -Path $work }
        'Get-ShellEnvironment'              = { Get-ShellEnvironment }
        'Get-ShellEnvironment -NoLogin'     = { Get-ShellEnvironment -NoLogin }
        'Get-GoEnv (each gopls, the shell)' = { Get-GoplsEnvironment -Id $ids | Get-GoEnv; Get-ShellEnvironment | Get-GoEnv -WorkingDirectory $work }
        'Get-GuiEnvironment'                = { Get-GuiEnvironment }
        'New-GoEnvSnapshot (terminal)'      = { New-GoEnvSnapshot }
    }
    $results = [ordered]@{ Whole = @() }
    foreach ($name in $phases.Keys) { $results[$name] = @() }
    $phaseTimes = @{}
    for ($round = 1; $round -le $Rounds; $round++) {
        $whole = Measure-MedianPass { Test-GoEnvironment -Id $ids -Path $work -Verbose 4>&1 } $Warmup $Iterations
        $findings = @($whole.Last | Where-Object { $_ -is [GoEnvTools.GoEnvFinding] })
        if (-not ($findings | Where-Object Id -eq 'GOENV003')) { throw 'Test-GoEnvironment did not find the GOPROXY difference the set-up stages.' }
        foreach ($line in $whole.Last | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) {
            if ($line.Message -match '^Phase (.+): (\d+) ms$') { $phaseTimes[$Matches[1]] += @([double]$Matches[2]) }
        }
        $results.Whole += $whole.MedianMs
        $sum = 0.0
        foreach ($name in $phases.Keys) {
            $m = (Measure-MedianPass $phases[$name] $Warmup $Iterations).MedianMs
            $results[$name] += $m
            $sum += $m
        }
        Write-Host ("Round {0}: Test-GoEnvironment {1:N0} ms, phases one by one {2:N0} ms ({3:N2}x)" -f $round, $whole.MedianMs, $sum, ($whole.MedianMs / $sum))
    }

    $ours = Get-Median $results.Whole
    $baseline = 0.0
    $rows = foreach ($name in $phases.Keys) {
        $m = Get-Median $results[$name]
        $baseline += $m
        [pscustomobject]@{ Contender = $name; 'Median ms' = '{0:N0}' -f $m }
    }
    Write-Host ''
    Write-Host ($rows | Format-Table -AutoSize | Out-String -Width 120).TrimEnd()
    Write-Host ("Phases one by one (baseline): {0:N0} ms; Test-GoEnvironment: {1:N0} ms" -f $baseline, $ours)

    $breakdown = foreach ($name in $phaseTimes.Keys) { [pscustomobject]@{ Phase = $name; 'Median ms' = (Get-Median $phaseTimes[$name]) } }
    Write-Host ''
    Write-Host 'Test-GoEnvironment by phase (its own timings):'
    Write-Host ($breakdown | Sort-Object 'Median ms' -Descending | Format-Table -AutoSize | Out-String -Width 120).TrimEnd()
    $shells = @($breakdown | Where-Object Phase -in 'login shell', 'interactive shell' | Measure-Object 'Median ms' -Sum).Sum
    $rest = @($breakdown | Where-Object Phase -notin 'login shell', 'interactive shell' | Measure-Object 'Median ms' -Sum).Sum

    $ratio = $ours / $baseline
    Write-Host ''
    Write-Host ("Goal: Test-GoEnvironment at most {0:N1}x its phases one by one (baseline). Measured {1:N2}x: {2}" -f $GoalRatio, $ratio, $(if ($ratio -le $GoalRatio) { 'PASS' } else { 'OVER GOAL' }))
    Write-Host ("Goal: everything but the shell start-ups ({0:N0} ms) under 1,000 ms. Measured {1:N0} ms: {2}" -f $shells, $rest, $(if ($rest -lt 1000) { 'PASS' } else { 'OVER GOAL' }))
}
catch {
    $failure = $_
}
finally {
    foreach ($p in $started) {
        try { if (-not $p.HasExited) { if ($goplsProcesses.Contains($p)) { $p.Kill($true) } else { $p.Kill() } } }
        catch [InvalidOperationException] { }
    }
    $leftBehind = @(foreach ($p in $started) { if (-not $p.WaitForExit(10000)) { $p.Id } })
    foreach ($p in $started) { $p.Dispose() }
    Write-Host $(if ($leftBehind.Count -gt 0) { "Could not stop processes $($leftBehind -join ', '); stop them by id." } else { "Stopped the $($started.Count) processes the benchmark started." })
    foreach ($k in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($k, $savedEnvironment[$k]) }
    if (Test-Path $tempDir) { Remove-Item $tempDir -Recurse -Force -ErrorAction SilentlyContinue }
}

if ($failure) {
    Write-Host "TestGoEnvironment benchmark failed: $($failure.Exception.Message)" -ForegroundColor Red
    Write-Host $failure.ScriptStackTrace
    exit 1
}
if ($leftBehind.Count -gt 0) { exit 1 }
exit 0
