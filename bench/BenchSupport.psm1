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

Export-ModuleMember -Function Get-Median, Invoke-SelfTimed
