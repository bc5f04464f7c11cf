#Requires -Version 7.2
<#
.SYNOPSIS
    How long Get-ShellEnvironment -Shell zsh takes next to zsh's own start-up (zsh -i -l -c true).
.DESCRIPTION
    Not a timed test: it prints figures and exits 0 whether or not the goal is met. It exits non-zero only
    when something could not run (no zsh, no cc).

    Set-up: a temporary HOME holding a one-line ~/.zshrc, made the HOME of this process so both contenders read it.
    Contenders, one block after the other, each warmed up -Warmup times and then timed -Iterations times in a row
    (the median of a block is its figure for the round); the sequence runs -Rounds times and each figure is the
    median of its round figures:
      Get-ShellEnvironment -Shell zsh    the cmdlet, called in this pwsh: spawn in a new session, markers,
                                         environment dump, parse, snapshot
      zsh -i -l -c true (baseline)       started by a C loop with posix_spawn (a session of its own, standard input
                                         on /dev/null) and waitpid, timed inside C with clock_gettime
                                         (bench/spawn_wait_loop.c, built with cc -O2)
    Goal: Get-ShellEnvironment at most 3x the baseline.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [ValidateRange(1, 1000)]
    [int] $Iterations = 41,

    [ValidateRange(0, 100)]
    [int] $Warmup = 5,

    [ValidateRange(1, 20)]
    [int] $Rounds = 5,

    [double] $GoalRatio = 3.0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

$zsh = '/usr/bin/zsh'
$tempDir = Join-Path ([IO.Path]::GetTempPath()) ('goenvtools-shellbench-' + [guid]::NewGuid().ToString('n'))
$savedHome = $env:HOME
$savedZdotdir = $env:ZDOTDIR
$failure = $null

try {
    if (-not $IsLinux) { throw 'This benchmark starts zsh through a Linux C loop: it runs on Linux only.' }
    if (-not (Test-Path $zsh)) { throw "$zsh was not found: install zsh (Debian: apt-get install zsh)." }
    if (-not (Get-Command cc -CommandType Application -ErrorAction Ignore)) { throw "'cc' was not found: install gcc (Debian: apt-get install gcc)." }
    Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath

    $homeDir = Join-Path $tempDir 'home'
    New-Item -ItemType Directory -Path $homeDir | Out-Null
    [IO.File]::WriteAllText((Join-Path $homeDir '.zshrc'), "export GOENVTOOLS_BENCH=1`n")
    $env:HOME = $homeDir
    Remove-Item Env:ZDOTDIR -ErrorAction Ignore

    $loop = Join-Path $tempDir 'spawn_wait_loop'
    $output = & cc -O2 -o $loop (Join-Path $PSScriptRoot 'spawn_wait_loop.c') 2>&1
    if ($LASTEXITCODE -ne 0) { throw "cc -O2 could not compile bench/spawn_wait_loop.c: $($output -join [Environment]::NewLine)" }

    $check = Get-ShellEnvironment -Shell $zsh -WorkingDirectory $homeDir
    if ($check.Variables['GOENVTOOLS_BENCH'] -ne '1') { throw 'Get-ShellEnvironment did not read the benchmark''s ~/.zshrc.' }

    Write-Host ("Timing {0} round(s) of {1} passes of each contender (each block after {2} warm-up passes); HOME={3}." -f $Rounds, $Iterations, $Warmup, $homeDir)
    $ours = @()
    $bare = @()
    $sw = [Diagnostics.Stopwatch]::new()
    for ($round = 1; $round -le $Rounds; $round++) {
        for ($i = 0; $i -lt $Warmup; $i++) { $null = Get-ShellEnvironment -Shell $zsh -WorkingDirectory $homeDir }
        $times = [double[]]::new($Iterations)
        for ($i = 0; $i -lt $Iterations; $i++) {
            $sw.Restart()
            $null = Get-ShellEnvironment -Shell $zsh -WorkingDirectory $homeDir
            $sw.Stop()
            $times[$i] = $sw.Elapsed.TotalMilliseconds
        }
        $module = Get-Median $times

        Push-Location $homeDir
        try { $baseline = Invoke-SelfTimed $loop @($Iterations, $Warmup, $zsh, '-i', '-l', '-c', 'true') 'zsh -i -l -c true' }
        finally { Pop-Location }
        if ($baseline.Found -ne $Iterations) { throw "zsh -i -l -c true exited non-zero in $($Iterations - $baseline.Found) of $Iterations passes." }

        $ours += $module
        $bare += $baseline.MedianMs
        Write-Host ("Round {0}: Get-ShellEnvironment {1:N2} ms, zsh -i -l -c true {2:N2} ms ({3:N2}x)" -f $round, $module, $baseline.MedianMs, ($module / $baseline.MedianMs))
    }

    $oursMs = Get-Median $ours
    $bareMs = Get-Median $bare
    $ratio = $oursMs / $bareMs
    Write-Host ''
    Write-Host ("Get-ShellEnvironment -Shell zsh   {0,8:N2} ms" -f $oursMs)
    Write-Host ("zsh -i -l -c true (baseline)      {0,8:N2} ms" -f $bareMs)
    $verdict = if ($ratio -le $GoalRatio) { 'PASS' } else { 'OVER GOAL' }
    Write-Host ("Goal: Get-ShellEnvironment at most {0:N1}x zsh -i -l -c true (baseline). Measured {1:N2}x: {2}" -f $GoalRatio, $ratio, $verdict)
}
catch {
    $failure = $_
}
finally {
    $env:HOME = $savedHome
    if ($null -ne $savedZdotdir) { $env:ZDOTDIR = $savedZdotdir }
    if (Test-Path $tempDir) { Remove-Item $tempDir -Recurse -Force -ErrorAction SilentlyContinue }
}

if ($failure) {
    Write-Host "ShellEnvironment benchmark failed: $($failure.Exception.Message)" -ForegroundColor Red
    Write-Host $failure.ScriptStackTrace
    exit 1
}
exit 0
