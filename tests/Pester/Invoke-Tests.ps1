<#
.SYNOPSIS
    Runs the Pester tests against the built module and writes the counts as JSON for build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # The .nupkg that build.ps1 -Task Package makes (Package.Tests.ps1 installs it).
    [string] $PackagePath,
    [string] $Filter
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$env:GOENVTOOLS_MODULE = $ModulePath
$env:GOENVTOOLS_PACKAGE = $PackagePath

$files = Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' -Recurse
if ($Filter) { $files = $files | Where-Object Name -like "*$Filter*" }

$config = New-PesterConfiguration
$config.Run.Path = @($files.FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $config

# A failure in a BeforeAll or a whole file fails its tests without counting them as failed tests.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $failed
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath
