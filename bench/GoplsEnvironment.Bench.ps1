#Requires -Version 7.2
<#
.SYNOPSIS
    How long Get-GoplsEnvironment takes to find and fully read every gopls on a machine with 1,000+ processes.
.DESCRIPTION
    Not a timed test: it prints figures and exits 0 whether or not the goal is met. It exits non-zero only
    when something could not run (no cc, no psutil, gopls not found, ...).

    Set-up: tops the process table up to at least -MinimumProcesses (+ -Margin) with cheap `/bin/sleep`
    processes and starts two real `gopls serve` daemons carrying a marker variable, so there is something to
    find. Everything it starts is stopped in the finally block.

    Contenders, one after the other; each is warmed up -Warmup times, then timed -Iterations times in a row, and
    the median of those passes is its figure for the round. The sequence runs -Rounds times; the table shows the
    median of each contender's round figures:
      Get-GoplsEnvironment          every gopls of this user: environment, ancestors, go binary
      Get-Process | Where-Object    PowerShell's own process listing, which does not read environments
      psutil                        [p.environ() for p in psutil.process_iter(['name']) if ...], timed inside
                                    Debian's /usr/bin/python3 with time.perf_counter (bench/psutil_gopls_environ.py)
      C loop (baseline)             readdir /proc, read comm, read environ of each gopls; compiled with cc -O2
                                    and timed inside C with clock_gettime (bench/proc_comm_loop.c)
    Goal: Get-GoplsEnvironment at most 2x the C loop. On a busy machine the figures wander from run to run;
    compare runs made on an idle one. -Verbose prints the median of each block of the PowerShell contenders.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [ValidateRange(1, 1000)]
    [int] $Iterations = 21,

    [ValidateRange(0, 100)]
    [int] $Warmup = 5,

    # The contenders run one block after another, so a moment when the machine is busy lands on one of them; the
    # whole sequence is repeated and each figure is the median of its blocks' medians.
    [ValidateRange(1, 20)]
    [int] $Rounds = 5,

    [int] $MinimumProcesses = 1000,

    # Extra processes above the minimum, so processes exiting on their own during the run do not drop below it.
    [int] $Margin = 50,

    [double] $GoalRatio = 2.0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

$python = '/usr/bin/python3'          # Debian's, where python3-psutil is installed (not the pyenv shim on PATH)
$goplsName = 'gopls'
$markerName = 'GOENVTOOLS_BENCH_MARKER'
$marker = [guid]::NewGuid().ToString('n')
$started = [Collections.Generic.List[Diagnostics.Process]]::new()
$goplsProcesses = [Collections.Generic.List[Diagnostics.Process]]::new()
$tempDir = Join-Path ([IO.Path]::GetTempPath()) "goenvtools-bench-$marker"
$failure = $null
$leftBehind = @()

function Get-ProcCount {
    $count = 0
    foreach ($dir in [IO.Directory]::EnumerateDirectories('/proc')) {
        if ([IO.Path]::GetFileName($dir) -match '^\d+$') { $count++ }
    }
    $count
}

# Starts a process the finally block will stop. -Quiet: its output is read and dropped (gopls announces on
# stderr where it listens).
function Start-Tracked([string] $File, [string[]] $Arguments, [hashtable] $Environment, [switch] $Quiet) {
    $psi = [Diagnostics.ProcessStartInfo]::new($File)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.WorkingDirectory = $tempDir
    if ($Environment) { foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] } }
    if ($Quiet) {
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
    }
    $p = [Diagnostics.Process]::Start($psi)
    $started.Add($p)
    if ($Quiet) {
        $p.BeginOutputReadLine()
        $p.BeginErrorReadLine()
    }
    $p
}

# Warms a PowerShell contender up, then times it -Iterations times in a row; returns the median ms and the
# output of the last pass. Garbage collections fall where they fall: each contender pays for its own.
# (A forced collection before each pass was tried and dropped: it leaves caches cold and made the module's
# passes nearly twice as slow, which no user sees.)
function Measure-Contender([scriptblock] $Action) {
    # -Verbose prints each block's median; the contenders themselves stay quiet.
    $showPasses = $VerbosePreference -ne 'SilentlyContinue'
    $VerbosePreference = 'SilentlyContinue'
    $result = Measure-MedianPass $Action $Warmup $Iterations
    if ($showPasses) {
        Write-Verbose -Verbose ("{0}: median {1:N2} ms" -f $Action.ToString().Trim(), $result.MedianMs)
    }
    $result
}

function Read-ProcText([int] $ProcessId, [string] $File) {
    try { [IO.File]::ReadAllText("/proc/$ProcessId/$File") } catch { $null }
}

try {
    if (-not $IsLinux) { throw 'This benchmark reads /proc: it runs on Linux only.' }
    foreach ($tool in 'cc', $goplsName, '/bin/sleep') {
        if (-not (Get-Command $tool -CommandType Application -ErrorAction Ignore)) {
            throw "'$tool' was not found: install gcc, gopls and coreutils (Debian: apt-get install gcc gopls coreutils)."
        }
    }
    if (-not (Test-Path $python)) { throw "$python was not found: install Debian's python3 and python3-psutil." }
    & $python -c 'import psutil' 2>$null
    if ($LASTEXITCODE -ne 0) { throw "$python cannot import psutil: install python3-psutil (apt-get install python3-psutil)." }

    # A relative path would be taken for a module name.
    Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath

    New-Item -ItemType Directory -Path $tempDir | Out-Null
    $cLoop = Join-Path $tempDir 'proc_comm_loop'
    $output = & cc -O2 -o $cLoop (Join-Path $PSScriptRoot 'proc_comm_loop.c') 2>&1
    if ($LASTEXITCODE -ne 0) { throw "cc -O2 could not compile bench/proc_comm_loop.c: $($output -join [Environment]::NewLine)" }

    # Two real gopls daemons; -listen keeps them alive without an editor on their stdin, and -listen.timeout
    # ends them on their own should this script be killed before its finally block runs (as sleep 600 does).
    for ($i = 0; $i -lt 2; $i++) {
        $log = Join-Path $tempDir "gopls-$i.log"
        $goplsArgs = @('serve', '-listen=127.0.0.1:0', '-listen.timeout=10m', "-logfile=$log")
        $goplsProcesses.Add((Start-Tracked $goplsName $goplsArgs @{ $markerName = $marker } -Quiet))
    }

    $before = Get-ProcCount
    $wanted = [math]::Max(0, $MinimumProcesses + $Margin - $before)
    Write-Host "Processes before set-up: $before; starting $wanted sleepers to reach at least $($MinimumProcesses + $Margin)."
    for ($i = 0; $i -lt $wanted; $i++) { $null = Start-Tracked '/bin/sleep' @('600') }

    # The sleepers are up when Start returns; gopls needs its exec to finish before /proc names it gopls.
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    foreach ($g in $goplsProcesses) {
        while ((Read-ProcText $g.Id 'comm') -ne "$goplsName`n") {
            if ($g.HasExited) { throw "gopls $($g.Id) exited with code $($g.ExitCode) right after it started." }
            if ([DateTime]::UtcNow -gt $deadline) { throw "gopls $($g.Id) did not show up as '$goplsName' in /proc within 15 s." }
            Start-Sleep -Milliseconds 20
        }
    }
    $goplsIds = @($goplsProcesses | ForEach-Object Id)

    $processesAtStart = Get-ProcCount
    if ($processesAtStart -lt $MinimumProcesses) { throw "Only $processesAtStart processes exist; the benchmark needs at least $MinimumProcesses." }
    Write-Host ("Timing {0} round(s) of {1} passes of each contender (each block after {2} warm-up passes) with {3} processes; our gopls: {4}." -f $Rounds, $Iterations, $Warmup, $processesAtStart, ($goplsIds -join ', '))

    $medians = [ordered]@{ Module = @(); GetProcess = @(); Psutil = @(); Floor = @() }
    for ($round = 1; $round -le $Rounds; $round++) {
        # (a) the module: every gopls of this user, read fully.
        $module = Measure-Contender { Get-GoplsEnvironment -WarningAction SilentlyContinue }
        foreach ($id in $goplsIds) {
            $mine = @($module.Last | Where-Object ProcessId -EQ $id)
            if ($mine.Count -ne 1 -or $mine[0].EnvironmentStatus -ne 'Ok' -or $mine[0].GetVariable($markerName) -ne $marker) {
                throw "Get-GoplsEnvironment did not return gopls $id with its environment (marker $markerName)."
            }
        }

        # (b) PowerShell's own listing, for scale: it reads no environment at all.
        $getProcess = Measure-Contender { Get-Process | Where-Object Name -EQ $goplsName }
        if (@($getProcess.Last | Where-Object Id -In $goplsIds).Count -ne $goplsIds.Count) {
            throw 'Get-Process | Where-Object did not list both gopls processes.'
        }

        # (c) psutil and (d) the C loop time themselves, so neither start-up counts.
        $psutil = Invoke-SelfTimed $python @((Join-Path $PSScriptRoot 'psutil_gopls_environ.py'), $Iterations, $Warmup) 'psutil'
        if ($psutil.Found -lt $goplsIds.Count) { throw "psutil read $($psutil.Found) gopls environments; expected at least $($goplsIds.Count)." }
        $floor = Invoke-SelfTimed $cLoop @($Iterations, $Warmup) 'C loop'
        if ($floor.Found -lt $goplsIds.Count) { throw "The C loop read $($floor.Found) gopls environments; expected at least $($goplsIds.Count)." }

        $medians.Module += $module.MedianMs
        $medians.GetProcess += $getProcess.MedianMs
        $medians.Psutil += $psutil.MedianMs
        $medians.Floor += $floor.MedianMs
        Write-Host ("Round {0}: Get-GoplsEnvironment {1:N2} ms, Get-Process {2:N2} ms, psutil {3:N2} ms, C loop {4:N2} ms ({5:N2}x)" -f
            $round, $module.MedianMs, $getProcess.MedianMs, $psutil.MedianMs, $floor.MedianMs, ($module.MedianMs / $floor.MedianMs))
    }

    $processesAtEnd = Get-ProcCount

    # Each figure is the median of the rounds' medians.
    $ours = Get-Median $medians.Module
    $floorMs = Get-Median $medians.Floor
    $rows = @(
        [pscustomobject]@{ Contender = 'Get-GoplsEnvironment'; MedianMs = $ours }
        [pscustomobject]@{ Contender = 'Get-Process | Where-Object Name -eq gopls'; MedianMs = (Get-Median $medians.GetProcess) }
        [pscustomobject]@{ Contender = 'psutil: environ() of each gopls (python3)'; MedianMs = (Get-Median $medians.Psutil) }
        [pscustomobject]@{ Contender = 'C loop: readdir + comm + environ (baseline)'; MedianMs = $floorMs }
    ) | ForEach-Object {
        [pscustomobject]@{
            Contender                   = $_.Contender
            'Median ms'                 = '{0:N2}' -f $_.MedianMs
            'Get-GoplsEnvironment / it' = '{0:N2}x' -f ($ours / $_.MedianMs)
        }
    }

    Write-Host ''
    Write-Host ("Processes: {0:N0} when timing began, {1:N0} when it ended. Each figure: the median over {2} round(s) of the median of {3} passes." -f $processesAtStart, $processesAtEnd, $Rounds, $Iterations)
    Write-Host ($rows | Format-Table -AutoSize | Out-String -Width 120).TrimEnd()
    $ratio = $ours / $floorMs
    $verdict = if ($ratio -le $GoalRatio) { 'PASS' } else { 'OVER GOAL' }
    Write-Host ''
    Write-Host ("Goal: Get-GoplsEnvironment at most {0:N1}x the C loop (baseline). Measured {1:N2}x: {2}" -f $GoalRatio, $ratio, $verdict)
}
catch {
    $failure = $_
}
finally {
    # Stop everything this script started, each by its own id; gopls with its tree, in case it started helpers.
    foreach ($p in $started) {
        try {
            if (-not $p.HasExited) {
                if ($goplsProcesses.Contains($p)) { $p.Kill($true) } else { $p.Kill() }
            }
        }
        catch [InvalidOperationException] {
            # It exited between HasExited and Kill: nothing left to stop.
        }
    }
    $leftBehind = @(foreach ($p in $started) { if (-not $p.WaitForExit(10000)) { $p.Id } })
    foreach ($p in $started) { $p.Dispose() }
    if ($leftBehind.Count -gt 0) {
        Write-Host "Could not stop processes $($leftBehind -join ', '); stop them by id." -ForegroundColor Red
    }
    else {
        Write-Host "Stopped the $($started.Count) processes the benchmark started."
    }
    if (Test-Path $tempDir) { Remove-Item $tempDir -Recurse -Force -ErrorAction SilentlyContinue }
}

if ($failure) {
    Write-Host "GoplsEnvironment benchmark failed: $($failure.Exception.Message)" -ForegroundColor Red
    Write-Host $failure.ScriptStackTrace
    exit 1
}
if ($leftBehind.Count -gt 0) { exit 1 }
exit 0
