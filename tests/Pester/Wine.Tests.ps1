<#
    The Windows process provider against real processes under Wine (Debian's wine 8): a win-x64 harness built from
    tests/Wine starts a child with an environment chosen here and reads it through the provider in Core.
    Wine is a real implementation of the Windows API, not Windows: it does not check access rights and has no
    usable WOW64 path and no CIM, which the unit tests cover on fixtures.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    $script:wine = '/usr/bin/wine'
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:marker = "wine-marker-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $script:unicode = "Grüße ✓ 😀"

    # The published harness, rebuilt only when one of its inputs changed.
    function Get-HarnessPath {
        $inputs = @(Get-ChildItem (Join-Path $root 'tests/Wine'), (Join-Path $root 'src/GoEnvTools.Cmdlets') -Recurse -File -Include '*.cs', '*.csproj' |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }) + @(Get-Item (Join-Path $root 'Directory.Build.props'), (Join-Path $root 'global.json'))
        $sha = [Security.Cryptography.SHA256]::Create()
        $text = [Text.StringBuilder]::new()
        foreach ($file in $inputs | Sort-Object FullName) {
            $hash = [Convert]::ToHexString($sha.ComputeHash([IO.File]::ReadAllBytes($file.FullName)))
            [void]$text.Append([IO.Path]::GetRelativePath($root, $file.FullName)).Append(' ').AppendLine($hash)
        }
        $key = [Convert]::ToHexString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($text.ToString()))).Substring(0, 16)
        $cache = Join-Path $root 'out/wine-harness'
        $folder = Join-Path $cache $key
        $exe = Join-Path $folder 'GoEnvTools.WineHarness.exe'
        if (-not (Test-Path $exe)) {
            if (Test-Path $cache) { Remove-Item $cache -Recurse -Force }
            $log = & dotnet publish (Join-Path $root 'tests/Wine/GoEnvTools.WineHarness.csproj') -c Release -o $folder --nologo -v q 2>&1
            if ($LASTEXITCODE -ne 0) { throw "Publishing the Wine harness failed:`n$($log -join "`n")" }
        }
        $exe
    }

    # Runs a program with a time limit; returns its exit code, standard output and error.
    function Invoke-Bounded([string] $File, [string[]] $Arguments, [int] $TimeoutSeconds) {
        $info = [Diagnostics.ProcessStartInfo]::new($File)
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.StandardOutputEncoding = [Text.Encoding]::UTF8
        $info.UseShellExecute = $false
        $process = [Diagnostics.Process]::Start($info)
        $out = $process.StandardOutput.ReadToEndAsync()
        $err = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "$File $($Arguments -join ' ') did not finish in $TimeoutSeconds s."
        }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $out.Result; Error = $err.Result }
    }

    $script:result = $null
    if (Test-Path $wine) {
        $script:prefix = Join-Path ([IO.Path]::GetTempPath()) "goenvtools-wine-$([guid]::NewGuid().ToString('N'))"
        $script:saved = @{}
        foreach ($name in 'WINEPREFIX', 'WINEDEBUG', 'DISPLAY') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $env:WINEPREFIX = $prefix
        $env:WINEDEBUG = '-all'
        # Headless: with no display Wine offers no dialogs (and needs no Mono: the harness brings its runtime).
        $env:DISPLAY = $null

        $harness = Get-HarnessPath
        $boot = Invoke-Bounded '/usr/bin/wineboot' @('-i') 120
        if ($boot.ExitCode -ne 0) { throw "wineboot -i failed ($($boot.ExitCode)): $($boot.Error)" }

        $run = Invoke-Bounded $wine @($harness, 'process',
            "GOENVTOOLS_MARKER=$marker", "GOENVTOOLS_UNICODE=$unicode", '=C:=C:\goenvtools', 'goenvtools_lower=lower', 'SystemRoot=C:\windows') 60
        if ($run.ExitCode -ne 0 -or -not $run.Output.StartsWith('{')) { throw "The harness failed ($($run.ExitCode)): $($run.Error)$($run.Output)" }
        $script:result = $run.Output | ConvertFrom-Json -NoEnumerate
    }
}

AfterAll {
    if ($script:prefix -and (Test-Path '/usr/bin/wineserver')) {
        # Ends this prefix's wineserver and what still runs in it, and nothing of other prefixes.
        & /usr/bin/wineserver -k 2>$null
        Remove-Item $prefix -Recurse -Force -ErrorAction SilentlyContinue
    }
    if ($script:saved) {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

Describe 'The Windows provider under Wine' -Tag 'Integration', 'Wine' {
    BeforeEach {
        $script:hasWine = Test-Component -Path $wine -Package 'wine64 wine'
    }

    It 'reads the environment it gave the child from the PEB, in order' {
        if (-not $hasWine) { return }
        $result.EnvironmentStatus | Should -Be 'Ok'
        $entries = @($result.Entries | ForEach-Object { "$($_[0])=$($_[1])" })
        # What was given, sorted by name ignoring case as .NET hands a new environment to CreateProcess; Wine adds
        # its own WINE* variables and SystemDrive.
        $given = $entries | Where-Object { $_ -notmatch '^(WINE|SystemDrive=)' }
        $given | Should -Be @('=C:=C:\goenvtools', 'goenvtools_lower=lower', "GOENVTOOLS_MARKER=$marker", "GOENVTOOLS_UNICODE=$unicode", 'SystemRoot=C:\windows')
    }

    It 'keeps non-ASCII values, surrogate pairs included' {
        if (-not $hasWine) { return }
        ($result.Entries | Where-Object { $_[0] -eq 'GOENVTOOLS_UNICODE' })[1] | Should -BeExactly $unicode
    }

    It 'reports EnvironmentSize as the end of the block' {
        if (-not $hasWine) { return }
        $result.EnvironmentSize | Should -BeGreaterThan 0
        $result.EnvironmentBlockEnd | Should -Be $result.EnvironmentSize
    }

    It 'hides =C: unless asked for, and looks names up ignoring case' {
        if (-not $hasWine) { return }
        $result.Shown | Should -Not -Contain '=C:'
        $result.Shown | Should -Contain 'GOENVTOOLS_MARKER'
        $result.ShownWithDriveVariables | Should -Contain '=C:'
        $result.ShownMarkerByLowerCaseName | Should -Be $marker
    }

    It 'splits the command line back into the arguments the child was given' {
        if (-not $hasWine) { return }
        $result.RawCommandLine | Should -Match 'two words'
        $result.CommandLine[0] | Should -Be $result.ExpectedExecutablePath
        @($result.CommandLine | Select-Object -Skip 1) | Should -Be @($result.ExpectedArguments)
    }

    It 'gives the parent id, name, path, working directory and start time from the process table' {
        if (-not $hasWine) { return }
        $result.Listed | Should -BeTrue
        $result.FoundByName | Should -BeTrue
        $result.ProcessId | Should -Be $result.ChildProcessId
        $result.ParentProcessId | Should -Be $result.HarnessProcessId
        $result.Name | Should -Be 'GoEnvTools.WineHarness.exe'
        $result.ExecutablePath | Should -Be $result.ExpectedExecutablePath
        $result.WorkingDirectory | Should -Be ($result.ExpectedWorkingDirectory.TrimEnd('\'))
        $start = [DateTimeOffset]::Parse($result.StartTime)
        $start | Should -BeGreaterOrEqual ([DateTimeOffset]::Parse($result.StartedAfter).AddSeconds(-1))
        $start | Should -BeLessOrEqual ([DateTimeOffset]::Parse($result.StartedBefore).AddSeconds(1))
    }

    It 'names the owner from the process token' {
        if (-not $hasWine) { return }
        $result.UserName | Should -Match '\\'
    }

    It 'reports a process that ended as Exited and gone' {
        if (-not $hasWine) { return }
        $result.StatusAfterExit | Should -Be 'Exited'
        $result.GoneFromTableAfterExit | Should -BeTrue
    }
}
