#Requires -Version 7.2
<#
.SYNOPSIS
    What `Import-Module GoEnvTools` costs, next to the import of an empty module, each measured inside fresh pwsh
    processes.
.DESCRIPTION
    Not a timed test: it prints figures and exits 0 whether or not the goal is met.

    Each sample is a fresh pwsh (-NoProfile -NonInteractive) that times one Import-Module with a stopwatch of its
    own, so pwsh's start-up is not counted. Two kinds of sample:
      warm  the process first imports PSReadLine, as every interactive pwsh does before its prompt, so the
            engine's own first-import work (binary module, format data) is paid before the timed import: this
            is what `Import-Module GoEnvTools` costs at a prompt or in a profile;
      cold  the timed import is the first of the process (a script run with -NoProfile -NonInteractive).
    Contenders, alternating process by process:
      Import-Module GoEnvTools                      (the built module, by path)
      Import-Module of an empty module (baseline)   (a manifest and an empty .psm1 under a temporary folder)
    The goal is GoEnvTools under 50 ms (warm median). Each GoEnvTools sample also lists the assemblies its
    import loaded, to show that YamlDotNet and the other heavy parts stay out until used.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    # Fresh processes per contender and kind.
    [ValidateRange(1, 200)]
    [int] $Processes = 15,

    [double] $GoalMs = 50
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1')

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
$prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })

$work = Join-Path ([IO.Path]::GetTempPath()) ('goenvtools-import-bench-' + [guid]::NewGuid().ToString('N'))
function New-EmptyModule([string] $Name) {
    $dir = Join-Path $work $Name
    New-Item -ItemType Directory -Path $dir | Out-Null
    Set-Content -LiteralPath (Join-Path $dir "$Name.psm1") -Value ''
    Set-Content -LiteralPath (Join-Path $dir "$Name.psd1") -Value "@{ ModuleVersion = '1.0.0'; RootModule = '$Name.psm1'; FunctionsToExport = @() }"
    Join-Path $dir "$Name.psd1"
}

# Prints "ms=<float>" and then the names of the assemblies the timed import loaded.
$probe = @'
param($warmup, $target)
if ($warmup) { Import-Module $warmup }
$before = [Collections.Generic.HashSet[string]]::new([string[]]@([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object FullName))
$watch = [Diagnostics.Stopwatch]::StartNew()
Import-Module $target
$watch.Stop()
'ms=' + $watch.Elapsed.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture)
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $before.Contains($_.FullName) } | ForEach-Object { 'loaded=' + $_.GetName().Name }
'@

function Measure-Import([string] $Warmup, [string] $Target) {
    $script = "& { $probe } '$Warmup' '$Target'"
    $output = @(& $exe @prefix -NoProfile -NonInteractive -Command $script)
    if ($LASTEXITCODE -ne 0) { throw "The import of $Target failed: $($output -join [Environment]::NewLine)" }
    $ms = $output | Where-Object { $_ -like 'ms=*' } | Select-Object -First 1
    if (-not $ms) { throw "The import of $Target printed no time: $($output -join [Environment]::NewLine)" }
    [pscustomobject]@{
        Ms     = [double]::Parse($ms.Substring(3), [Globalization.CultureInfo]::InvariantCulture)
        Loaded = @($output | Where-Object { $_ -like 'loaded=*' } | ForEach-Object { $_.Substring(7) })
    }
}

try {
    New-Item -ItemType Directory -Path $work | Out-Null
    $warmModule = 'PSReadLine'
    $emptyModule = New-EmptyModule 'Empty'

    $times = @{ 'warm GoEnvTools' = [Collections.Generic.List[double]]::new(); 'warm empty' = [Collections.Generic.List[double]]::new()
        'cold GoEnvTools' = [Collections.Generic.List[double]]::new(); 'cold empty' = [Collections.Generic.List[double]]::new() }
    # What every GoEnvTools import loaded (pwsh's own background work loads assemblies now and then too).
    $loaded = $null
    for ($i = 0; $i -lt $Processes; $i++) {
        $sample = Measure-Import $warmModule $ModulePath
        $times['warm GoEnvTools'].Add($sample.Ms)
        if ($null -eq $loaded) { $loaded = [Collections.Generic.HashSet[string]]::new([string[]]$sample.Loaded) }
        else { $loaded.IntersectWith([string[]]$sample.Loaded) }
        $times['warm empty'].Add((Measure-Import $warmModule $emptyModule).Ms)
        $times['cold GoEnvTools'].Add((Measure-Import '' $ModulePath).Ms)
        $times['cold empty'].Add((Measure-Import '' $emptyModule).Ms)
    }

    $inv = [Globalization.CultureInfo]::InvariantCulture
    Write-Host ("{0} fresh pwsh processes per figure, {1} processes on the machine" -f $Processes, (Get-ProcessCount))
    foreach ($kind in 'warm', 'cold') {
        $ours = Get-Median $times["$kind GoEnvTools"].ToArray()
        $empty = Get-Median $times["$kind empty"].ToArray()
        Write-Host ([string]::Format($inv, '{0,-5} Import-Module GoEnvTools {1,8:F1} ms   empty module (baseline) {2,7:F1} ms   difference {3,7:F1} ms   ratio {4:F2}x',
                $kind, $ours, $empty, ($ours - $empty), ($ours / $empty)))
        if ($kind -eq 'warm') {
            $verdict = if ($ours -lt $GoalMs) { 'PASS' } else { 'OVER GOAL' }
            Write-Host ([string]::Format($inv, 'goal: warm import under {0} ms: {1}', $GoalMs, $verdict))
        }
    }
    Write-Host ('assemblies every import of GoEnvTools loaded: ' + ((@($loaded) | Sort-Object) -join ', '))
    $heavy = @($loaded | Where-Object { $_ -match 'Yaml|Management\.Infrastructure|Jsonc|Newtonsoft' })
    if ($heavy.Count -gt 0) { Write-Host ('heavy assemblies loaded at import: ' + ($heavy -join ', ')) }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}
