#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, diagnoses and benchmarks GoEnvTools.
.DESCRIPTION
    Build     compiles the module into out/GoEnvTools, importable as it is.
    Test      builds, runs the xunit and Pester tests and prints "N passed, N failed" as its last line.
    Diagnose  builds, imports the module in a fresh pwsh and runs Test-GoEnvironment on this machine.
    Bench     builds and runs the benchmarks under bench/, each reported as a ratio to its named baseline.
    Fuzz      checks -FuzzCount generated settings documents (default 5,000) against jsonc-parser.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Diagnose', 'Bench', 'Fuzz')]
    [string] $Task = 'Build',

    # For -Task Fuzz: how many generated settings documents to check against jsonc-parser (Test checks 300).
    [ValidateRange(1, 1000000)]
    [int] $FuzzCount = 5000,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Runs only the Pester files whose name matches (for example 'GoplsEnvironment').
    [string] $PesterFilter,

    # Skips the xunit run (quick Pester iterations).
    [switch] $SkipUnit,

    # Skips the Pester run.
    [switch] $SkipPester
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$outDir = Join-Path $root 'out'
$moduleOut = Join-Path $outDir 'GoEnvTools'
$resultsDir = Join-Path $outDir 'TestResults'

# The pwsh running this script, to start children with: the dotnet tool runs as "dotnet pwsh.dll".
function Get-PwshCommand {
    $host_ = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') {
        return ,@($host_, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return ,@($host_)
}

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    Write-Host "Building GoEnvTools ($Configuration)..."
    $publish = Join-Path $outDir 'publish'
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/GoEnvTools.Cmdlets/GoEnvTools.Cmdlets.csproj'),
        '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $moduleOut | Out-Null
    Copy-Item (Join-Path $publish 'GoEnvTools.Cmdlets.dll') $moduleOut
    # YamlDotNet and the engine that uses it go to Dependencies/, loaded in a context of their own (ModuleDependencies.cs).
    $dependencies = Join-Path $outDir 'publish-dependencies'
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/GoEnvTools.Yaml/GoEnvTools.Yaml.csproj'),
        '-c', $Configuration, '-o', $dependencies, '--nologo', '-v', 'quiet')
    New-Item -ItemType Directory -Path (Join-Path $moduleOut 'Dependencies') | Out-Null
    Copy-Item (Join-Path $dependencies '*.dll') (Join-Path $moduleOut 'Dependencies') -Exclude 'GoEnvTools.Cmdlets.dll'
    Copy-Item (Join-Path $root 'module/*') $moduleOut -Recurse
    & (Join-Path $root 'docs/New-MamlHelp.ps1') -ModulePath (Join-Path $moduleOut 'GoEnvTools.psd1') -CommittedPath (Join-Path $root 'module/en-US/GoEnvTools.Cmdlets.dll-Help.xml')
    Write-Host "Module: $moduleOut"
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = dotnet nuget locals global-packages --list | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterModule {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/Pester/tools/Pester.Restore.csproj'), '--nologo', '-v', 'quiet')
    $manifest = Join-Path (Get-NuGetPackageRoot) 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) { throw "Pester 6.2.0 was restored but $manifest is missing." }
    return $manifest
}

function Invoke-UnitTests {
    $trx = Join-Path $resultsDir 'unit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    Write-Host 'Running xunit tests...'
    dotnet test (Join-Path $root 'tests/Unit/GoEnvTools.Tests.csproj') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal' | Out-Host
    if (-not (Test-Path $trx)) {
        Write-Host 'xunit produced no results: the test project did not build or run.'
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        # xunit's skipped tests are counted in total but not in executed.
        Skipped = [int]$counters.total - [int]$counters.executed
    }
}

function Invoke-PesterTests {
    $pester = Get-PesterModule
    $summary = Join-Path $resultsDir 'pester.json'
    if (Test-Path $summary) { Remove-Item $summary }
    Write-Host 'Running Pester tests in a child pwsh...'
    $pwsh = Get-PwshCommand
    $runner = Join-Path $root 'tests/Pester/Invoke-Tests.ps1'
    $args_ = @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterManifest', $pester,
        '-ModulePath', (Join-Path $moduleOut 'GoEnvTools.psd1'), '-SummaryPath', $summary)
    if ($PesterFilter) { $args_ += @('-Filter', $PesterFilter) }
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) @args_ | Out-Host
    if (-not (Test-Path $summary)) {
        Write-Host 'Pester produced no results.'
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Get-Content -Raw $summary | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-Build
    New-Item -ItemType Directory -Force -Path $resultsDir | Out-Null
    $parts = @()
    if (-not $SkipUnit) { $parts += Invoke-UnitTests }
    if (-not $SkipPester) { $parts += Invoke-PesterTests }
    $passed = ($parts | Measure-Object -Property Passed -Sum).Sum
    $failed = ($parts | Measure-Object -Property Failed -Sum).Sum
    $skipped = ($parts | Measure-Object -Property Skipped -Sum).Sum
    $line = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $line += ", $skipped skipped" }
    Write-Host $line
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Diagnose {
    Invoke-Build
    $pwsh = Get-PwshCommand
    $script = @"
Import-Module '$(Join-Path $moduleOut 'GoEnvTools.psd1')'
`$findings = @(Test-GoEnvironment)
if (`$findings.Count -eq 0) { 'No findings: gopls gets the environment your login shell exports.' }
else {
    `$findings | Format-Table | Out-String -Width 120
    `$serious = @(`$findings | Where-Object Severity -ne 'Info')
    if (`$serious.Count -gt 0) {
        'Details (Get-Help about_GoEnvTools_Findings explains each id; Test-GoEnvironment | Repair-GoEnvironment -WhatIf shows the fixes):'
        `$serious | Format-List | Out-String -Width 120
    }
}
"@
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# Runs the generated-document check of the settings editor on many documents: every edit or refusal must agree
# with Microsoft's jsonc-parser. A failure prints the seed to replay.
function Invoke-Fuzz {
    $env:GOENVTOOLS_FUZZ_COUNT = $FuzzCount
    if (-not $env:GOENVTOOLS_FUZZ_SEED) { $env:GOENVTOOLS_FUZZ_SEED = Get-Random -Minimum 1 -Maximum ([int]::MaxValue) }
    Write-Host "Checking $FuzzCount generated settings documents, seed $env:GOENVTOOLS_FUZZ_SEED..."
    dotnet test (Join-Path $root 'tests/Unit/GoEnvTools.Tests.csproj') -c $Configuration --nologo `
        --filter 'FullyQualifiedName~GeneratedDocuments_EveryEditOrRefusal_AgreesWithJsoncParser' | Out-Host
    if ($LASTEXITCODE -ne 0) { exit 1 }
}

function Invoke-Bench {
    Invoke-Build
    $pwsh = Get-PwshCommand
    $failed = $false
    foreach ($bench in Get-ChildItem (Join-Path $root 'bench') -Filter '*.Bench.ps1' | Sort-Object Name) {
        Write-Host "== $($bench.BaseName)"
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $bench.FullName -ModulePath (Join-Path $moduleOut 'GoEnvTools.psd1')
        if ($LASTEXITCODE -ne 0) { $failed = $true }
    }
    if ($failed) { exit 1 }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Diagnose' { Invoke-Diagnose }
    'Bench' { Invoke-Bench }
    'Fuzz' { Invoke-Fuzz }
}
