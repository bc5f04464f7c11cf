#Requires -Version 7.2
<#
.SYNOPSIS
    How long gopls version takes through the wrapper Install-GoWrapper writes, next to what it cannot avoid: the bare
    gopls version plus the bare zsh -i -l -c true with the same profile.
.DESCRIPTION
    Not a timed test: it prints figures and exits 0 whether or not the goal is met. It exits non-zero only when
    something could not run (no zsh, no gopls, no cc).

    Set-up: a temporary HOME holding a one-line ~/.zshrc (export GOENVTOOLS_BENCH=1), made the HOME of this process;
    a gopls wrapper installed there with -Shell /usr/bin/zsh. A second wrapper around /usr/bin/env checks once that the
    profile's variable arrives.
    Contenders, each started by the same C loop with posix_spawn (a session of its own, standard input and outputs on
    /dev/null) and waitpid, timed inside C with clock_gettime (bench/spawn_wait_loop.c, built with cc -O2); each is
    warmed up -Warmup times and then timed -Iterations times in a row, the median of a block being its figure for the
    round. The sequence runs -Rounds times; each figure is the median of its round figures:
      wrapper gopls version                the wrapper: its sh, mktemp, the watchdog, zsh -i -l -c, the dump, exec gopls
      gopls version (baseline part 1)      /usr/bin/gopls version
      zsh -i -l -c true (baseline part 2)  the login shell's own start-up
    Goal: the wrapper at most 1.2x the sum of the two baseline parts.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [ValidateRange(1, 1000)]
    [int] $Iterations = 31,

    [ValidateRange(0, 100)]
    [int] $Warmup = 5,

    [ValidateRange(1, 20)]
    [int] $Rounds = 5,

    [double] $GoalRatio = 1.2
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

$zsh = '/usr/bin/zsh'
$gopls = '/usr/bin/gopls'
$tempDir = Join-Path ([IO.Path]::GetTempPath()) ('goenvtools-wrapperbench-' + [guid]::NewGuid().ToString('n'))
$saved = @{ HOME = $env:HOME; ZDOTDIR = $env:ZDOTDIR; XDG_DATA_HOME = $env:XDG_DATA_HOME }
$failure = $null

try {
    if (-not $IsLinux) { throw 'This benchmark starts its contenders through a Linux C loop: it runs on Linux only.' }
    if (-not (Test-Path $zsh)) { throw "$zsh was not found: install zsh (Debian: apt-get install zsh)." }
    if (-not (Test-Path $gopls)) { throw "$gopls was not found: install gopls (Debian: apt-get install gopls)." }
    if (-not (Get-Command cc -CommandType Application -ErrorAction Ignore)) { throw "'cc' was not found: install gcc (Debian: apt-get install gcc)." }
    Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath

    $homeDir = Join-Path $tempDir 'home'
    New-Item -ItemType Directory -Path $homeDir | Out-Null
    [IO.File]::WriteAllText((Join-Path $homeDir '.zshrc'), "export GOENVTOOLS_BENCH=1`n")
    $env:HOME = $homeDir
    Remove-Item Env:ZDOTDIR, Env:XDG_DATA_HOME -ErrorAction Ignore

    $loop = Join-Path $tempDir 'spawn_wait_loop'
    $output = & cc -O2 -o $loop (Join-Path $PSScriptRoot 'spawn_wait_loop.c') 2>&1
    if ($LASTEXITCODE -ne 0) { throw "cc -O2 could not compile bench/spawn_wait_loop.c: $($output -join [Environment]::NewLine)" }

    $wrapper = (Install-GoWrapper -Shell $zsh -TargetPath $gopls -PassThru).WrapperPath
    $check = (Install-GoWrapper -Tool go -Shell $zsh -TargetPath /usr/bin/env -Destination (Join-Path $tempDir 'check') -PassThru -WarningAction SilentlyContinue).WrapperPath
    if (-not (& $check 2>$null | Where-Object { $_ -eq 'GOENVTOOLS_BENCH=1' })) { throw 'The wrapper did not pass on the variable of the benchmark''s ~/.zshrc.' }

    $contenders = [ordered]@{
        'wrapper gopls version'             = @($wrapper, 'version')
        'gopls version (baseline part 1)'   = @($gopls, 'version')
        'zsh -i -l -c true (baseline part 2)' = @($zsh, '-i', '-l', '-c', 'true')
    }
    $figures = @{}
    foreach ($name in $contenders.Keys) { $figures[$name] = @() }

    Write-Host ("Timing {0} round(s) of {1} passes of each contender (each block after {2} warm-up passes); HOME={3}." -f $Rounds, $Iterations, $Warmup, $homeDir)
    Push-Location $homeDir
    try {
        for ($round = 1; $round -le $Rounds; $round++) {
            foreach ($name in $contenders.Keys) {
                $result = Invoke-SelfTimed $loop (@($Iterations, $Warmup) + $contenders[$name]) $name
                if ($result.Found -ne $Iterations) { throw "$name exited non-zero in $($Iterations - $result.Found) of $Iterations passes." }
                $figures[$name] += $result.MedianMs
            }
            $w = $figures['wrapper gopls version'][-1]
            $sum = $figures['gopls version (baseline part 1)'][-1] + $figures['zsh -i -l -c true (baseline part 2)'][-1]
            Write-Host ("Round {0}: wrapper {1:N2} ms, gopls version + zsh -i -l -c true {2:N2} ms ({3:N2}x)" -f $round, $w, $sum, ($w / $sum))
        }
    }
    finally { Pop-Location }

    Write-Host ''
    foreach ($name in $contenders.Keys) {
        Write-Host ("{0,-38} {1,8:N2} ms" -f $name, (Get-Median $figures[$name]))
    }
    $wrapperMs = Get-Median $figures['wrapper gopls version']
    $baselineMs = (Get-Median $figures['gopls version (baseline part 1)']) + (Get-Median $figures['zsh -i -l -c true (baseline part 2)'])
    $ratio = $wrapperMs / $baselineMs
    Write-Host ("{0,-38} {1,8:N2} ms" -f 'baseline (sum of both parts)', $baselineMs)
    $verdict = if ($ratio -le $GoalRatio) { 'PASS' } else { 'OVER GOAL' }
    Write-Host ("Goal: the wrapper at most {0:N1}x gopls version + zsh -i -l -c true (baseline). Measured {1:N2}x: {2}" -f $GoalRatio, $ratio, $verdict)
}
catch {
    $failure = $_
}
finally {
    foreach ($k in $saved.Keys) {
        if ($null -ne $saved[$k]) { Set-Item "env:$k" $saved[$k] } else { Remove-Item "env:$k" -ErrorAction Ignore }
    }
    if (Test-Path $tempDir) { Remove-Item $tempDir -Recurse -Force -ErrorAction SilentlyContinue }
}

if ($failure) {
    Write-Host "GoWrapper benchmark failed: $($failure.Exception.Message)" -ForegroundColor Red
    Write-Host $failure.ScriptStackTrace
    exit 1
}
exit 0
