# Helpers the benchmarks share. Imported by each bench/*.Bench.ps1.

function Get-Median([double[]] $Values) {
    $sorted = [double[]]$Values.Clone()
    [Array]::Sort($sorted)
    $mid = [int][math]::Floor($sorted.Length / 2)
    if ($sorted.Length % 2) { return $sorted[$mid] }
    ($sorted[$mid - 1] + $sorted[$mid]) / 2
}

# Runs a contender that times itself and prints "median_ms=<float> found=<n> ..."; returns those two fields.
function Invoke-SelfTimed([string] $File, [string[]] $Arguments, [string] $Label) {
    $output = @(& $File @Arguments 2>&1)
    if ($LASTEXITCODE -ne 0) { throw "$Label failed with exit code ${LASTEXITCODE}: $($output -join [Environment]::NewLine)" }
    $line = $output | Where-Object { "$_" -match '^median_ms=' } | Select-Object -Last 1
    if (-not $line) { throw "$Label printed no median: $($output -join [Environment]::NewLine)" }
    $fields = @{}
    foreach ($pair in "$line".Trim() -split '\s+') {
        $name, $value = $pair -split '=', 2
        $fields[$name] = $value
    }
    [pscustomobject]@{
        MedianMs = [double]::Parse($fields['median_ms'], [Globalization.CultureInfo]::InvariantCulture)
        Found    = [int]$fields['found']
    }
}

# How many processes the machine runs, counted from /proc.
function Get-ProcessCount {
    @([IO.Directory]::EnumerateDirectories('/proc') | Where-Object { [IO.Path]::GetFileName($_) -match '^\d+$' }).Count
}

<#
    Starts a program with extra environment variables and adds it to -Started, so the caller can stop it by id.
    -Quiet reads and drops its output.
#>
function Start-TrackedProcess {
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [Collections.Generic.List[Diagnostics.Process]] $Started,
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment,
        [string] $WorkingDirectory = '/',
        [switch] $Quiet
    )
    $psi = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.WorkingDirectory = $WorkingDirectory
    if ($Environment) { foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] } }
    if ($Quiet) { $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true }
    $p = [Diagnostics.Process]::Start($psi)
    $Started.Add($p)
    if ($Quiet) { $p.BeginOutputReadLine(); $p.BeginErrorReadLine() }
    $p
}

# Runs -Action -Warmup times, then times it -Iterations times; returns the median ms and the output of the last pass.
function Measure-MedianPass {
    param([Parameter(Mandatory)] [scriptblock] $Action, [int] $Warmup, [int] $Iterations)
    for ($i = 0; $i -lt $Warmup; $i++) { $null = & $Action }
    $times = [double[]]::new($Iterations)
    $sw = [Diagnostics.Stopwatch]::new()
    $last = $null
    for ($i = 0; $i -lt $Iterations; $i++) {
        $sw.Restart()
        $last = @(& $Action)
        $sw.Stop()
        $times[$i] = $sw.Elapsed.TotalMilliseconds
    }
    [pscustomobject]@{ MedianMs = (Get-Median $times); Last = $last }
}

Export-ModuleMember -Function Get-Median, Invoke-SelfTimed, Get-ProcessCount, Start-TrackedProcess, Measure-MedianPass
