#Requires -Version 7.2
<#
.SYNOPSIS
    How fast the snapshot cmdlets compare, write and read a 5,000-variable environment, each as a ratio to the
    PowerShell built-in that does the nearest thing.
.DESCRIPTION
    Not a timed test: it prints figures and exits 0 whether or not a goal is met.

    Data: two snapshots of 5,000 variables (names VAR_00000..., values 20-60 characters), where the difference
    changes every 10th value, drops 50 variables, adds 50, and reverses the order of a 60-entry PATH and
    duplicates one entry in it, so the PATH analysis has real work.

    Pairs, each timed in the same run, in alternating blocks:
      Compare-GoEnvSnapshot $reference $difference        (PATH analysis and go lookup included)
        vs Compare-Object on the same name=value lines     goal: at most 1/3 of its time
      Export-GoEnvSnapshot + Import-GoEnvSnapshot (YAML, then JSON) of the reference snapshot, through a file
        vs ConvertTo-Json + ConvertFrom-Json of the same variables as a hashtable, in memory
                                                            goal: at most 3x its time (the cmdlets also
                                                            redact, write a file atomically, read it back
                                                            exactly and check it is a whole snapshot)
    Each contender is warmed up -Warmup times and timed -Iterations times in a row; the sequence runs -Rounds
    times; a figure is the median of the round medians.
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

    [ValidateRange(1, 20)]
    [int] $Rounds = 3,

    [int] $Variables = 5000,

    [double] $CompareGoal = (1 / 3),

    [double] $RoundTripGoal = 3.0
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Resolve-Path -LiteralPath $ModulePath).ProviderPath
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

$workDir = Join-Path ([IO.Path]::GetTempPath()) ('goenvtools-snapshot-bench-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $workDir | Out-Null
$env:XDG_CONFIG_HOME = Join-Path $workDir 'config'

# Milliseconds of one block: warm-up passes, then the median of the timed passes.
function Measure-Block([scriptblock] $Action) {
    for ($i = 0; $i -lt $Warmup; $i++) { $null = & $Action }
    $times = [double[]]::new($Iterations)
    for ($i = 0; $i -lt $Iterations; $i++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Action
        $times[$i] = $watch.Elapsed.TotalMilliseconds
    }
    Get-Median $times
}

try {
    $random = [Random]::new(4242)
    $alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789/_-.:'
    function New-Value([int] $Length) {
        -join (1..$Length | ForEach-Object { $alphabet[$random.Next($alphabet.Length)] })
    }

    $pathEntries = @(0..59 | ForEach-Object { "/opt/tool$_/bin" })
    $reference = [ordered]@{}
    $difference = [ordered]@{}
    for ($i = 0; $i -lt $Variables; $i++) {
        $name = 'VAR_{0:D5}' -f $i
        $value = New-Value (20 + $random.Next(41))
        if ($i -ge 50) { $reference[$name] = $value }
        if ($i -lt $Variables - 50) { $difference[$name] = if ($i % 10 -eq 0) { $value + '-changed' } else { $value } }
    }
    $reference['PATH'] = $pathEntries -join ':'
    $reversed = [string[]]$pathEntries.Clone(); [Array]::Reverse($reversed)
    $difference['PATH'] = ($reversed + '/opt/tool7/bin') -join ':'

    $referenceSnapshot = $reference | New-GoEnvSnapshot
    $differenceSnapshot = $difference | New-GoEnvSnapshot
    $referenceLines = [string[]]@($reference.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" })
    $differenceLines = [string[]]@($difference.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" })
    $hashtable = @{}; foreach ($k in $reference.Keys) { $hashtable[$k] = $reference[$k] }
    $yamlPath = Join-Path $workDir 'bench.yaml'
    $jsonPath = Join-Path $workDir 'bench.json'

    # Sanity: the contenders must do the whole job, or the figures mean nothing.
    $expected = @(Compare-Object $referenceLines $differenceLines | ForEach-Object { $_.InputObject.Split('=', 2)[0] } | Sort-Object -Unique).Count
    $rows = @(Compare-GoEnvSnapshot $referenceSnapshot $differenceSnapshot)
    $pathRow = $rows | Where-Object Name -eq 'PATH'
    if ($rows.Count -ne $expected -or @($pathRow.PathEntriesMoved).Count -ne 59 -or @($pathRow.PathEntriesDuplicated).Count -ne 1) {
        throw "Compare-GoEnvSnapshot gave $($rows.Count) rows, $(@($pathRow.PathEntriesMoved).Count) moved and $(@($pathRow.PathEntriesDuplicated).Count) duplicated PATH entries; expected $expected, 59 and 1."
    }
    $referenceSnapshot | Export-GoEnvSnapshot -Path $yamlPath
    if ((Import-GoEnvSnapshot $yamlPath).Variables.Count -ne $reference.Count) { throw 'The YAML round trip lost variables.' }

    $contenders = [ordered]@{
        'Compare-GoEnvSnapshot'              = { Compare-GoEnvSnapshot $referenceSnapshot $differenceSnapshot }
        'Compare-Object (baseline)'          = { Compare-Object $referenceLines $differenceLines }
        'Export + Import, YAML file'         = { $referenceSnapshot | Export-GoEnvSnapshot -Path $yamlPath; Import-GoEnvSnapshot -LiteralPath $yamlPath }
        'Export + Import, JSON file'         = { $referenceSnapshot | Export-GoEnvSnapshot -Path $jsonPath; Import-GoEnvSnapshot -LiteralPath $jsonPath }
        'ConvertTo-Json + ConvertFrom-Json (baseline)' = { $hashtable | ConvertTo-Json -Compress | ConvertFrom-Json -AsHashtable }
    }
    $figures = @{}
    foreach ($name in $contenders.Keys) { $figures[$name] = [Collections.Generic.List[double]]::new() }
    for ($round = 1; $round -le $Rounds; $round++) {
        foreach ($name in $contenders.Keys) {
            $ms = Measure-Block $contenders[$name]
            $figures[$name].Add($ms)
            Write-Verbose ("round {0}: {1} {2:N2} ms" -f $round, $name, $ms)
        }
    }

    $median = @{}
    foreach ($name in $contenders.Keys) { $median[$name] = Get-Median $figures[$name].ToArray() }
    "{0} variables, {1} rounds of {2} passes, pwsh {3}" -f $Variables, $Rounds, $Iterations, $PSVersionTable.PSVersion
    ''
    '{0,-46} {1,10}' -f 'contender', 'median'
    foreach ($name in $contenders.Keys) { '{0,-46} {1,7:N2} ms' -f $name, $median[$name] }
    ''
    $checks = @(
        @{ Name = 'Compare-GoEnvSnapshot / Compare-Object'; Mine = 'Compare-GoEnvSnapshot'; Base = 'Compare-Object (baseline)'; Goal = $CompareGoal }
        @{ Name = 'Export + Import YAML / ConvertTo+From-Json'; Mine = 'Export + Import, YAML file'; Base = 'ConvertTo-Json + ConvertFrom-Json (baseline)'; Goal = $RoundTripGoal }
        @{ Name = 'Export + Import JSON / ConvertTo+From-Json'; Mine = 'Export + Import, JSON file'; Base = 'ConvertTo-Json + ConvertFrom-Json (baseline)'; Goal = $RoundTripGoal }
    )
    foreach ($check in $checks) {
        $ratio = $median[$check.Mine] / $median[$check.Base]
        $verdict = if ($ratio -le $check.Goal) { 'PASS' } else { 'OVER GOAL' }
        '{0,-46} {1,6:N2}x  (goal <= {2:N2}x)  {3}' -f $check.Name, $ratio, $check.Goal, $verdict
    }
} finally {
    Remove-Item -Recurse -Force -LiteralPath $workDir -ErrorAction SilentlyContinue
}
