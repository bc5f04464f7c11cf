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

    # Runs a program with a time limit; returns its exit code, standard output and error. The output goes to files,
    # not pipes: the Wine services a call starts inherit them and live on for seconds after it, and a pipe would
    # reach its end only when they are gone.
    function Invoke-Bounded([string] $File, [string[]] $Arguments, [int] $TimeoutSeconds) {
        $capture = Join-Path ([IO.Path]::GetTempPath()) "goenvtools-wine-$([guid]::NewGuid().ToString('N'))"
        $info = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
        foreach ($a in @('-c', 'exec "$@" >"$0.out" 2>"$0.err"', $capture, $File) + $Arguments) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        try {
            $process = [Diagnostics.Process]::Start($info)
            if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
                $process.Kill($true)
                throw "$File $($Arguments -join ' ') did not finish in $TimeoutSeconds s."
            }
            [pscustomobject]@{
                ExitCode = $process.ExitCode
                Output = [IO.File]::ReadAllText("$capture.out", [Text.Encoding]::UTF8)
                Error = [IO.File]::ReadAllText("$capture.err", [Text.Encoding]::UTF8)
            }
        }
        finally {
            Remove-Item "$capture.out", "$capture.err" -Force -ErrorAction SilentlyContinue
        }
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
        if ($boot.ExitCode -ne 0) {
            # Creating a prefix has been seen to fail once (exit 53) while other Wine prefixes were being made on the
            # machine, and to succeed on a second try: one more try, from a stopped wineserver and an empty prefix.
            & /usr/bin/wineserver -k 2>$null
            Remove-Item -LiteralPath $prefix -Recurse -Force -ErrorAction SilentlyContinue
            $first = "$($boot.ExitCode): $($boot.Error)"
            $boot = Invoke-Bounded '/usr/bin/wineboot' @('-i') 120
            if ($boot.ExitCode -ne 0) { throw "wineboot -i failed twice (first $first; then $($boot.ExitCode): $($boot.Error))" }
        }

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

    It 'names the calling user as it names the owner of the user''s processes, which tells whose gopls is whose' {
        if (-not $hasWine) { return }
        $result.CurrentUserName | Should -Be $result.UserName
    }

    It 'says that nothing was cross-checked where CIM cannot be queried' {
        if (-not $hasWine) { return }
        $result.CrossCheckWarning | Should -Be 'Win32_Process cannot be queried on this system, so nothing was compared.'
    }

    It 'reports a process that ended as Exited and gone' {
        if (-not $hasWine) { return }
        $result.StatusAfterExit | Should -Be 'Exited'
        $result.GoneFromTableAfterExit | Should -BeTrue
    }
}

<#
    The registry store of the GUI environment (RegistryEnvironmentStore on NativeRegistryEnvironment) through the
    same harness, in the same prefix: it sets and removes values in HKCU\Environment as the cmdlets do, and this file
    reads them back with Wine's own reg.exe. Wine's null display driver gives the harness real (hidden) top-level
    windows, so the WM_SETTINGCHANGE broadcast has someone to reach.
#>
Describe 'The Windows registry store under Wine' -Tag 'Integration', 'Wine' {
    BeforeAll {
        $script:userKey = 'HKCU\Environment'
        $script:machineKey = 'HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'

        # One value of HKCU\Environment as reg.exe shows it: Type and Value, or $null when reg.exe finds none.
        function Get-RegValue([string] $Name, [string] $Key = $userKey) {
            $query = Invoke-Bounded $wine @('reg', 'query', $Key, '/v', $Name) 30
            foreach ($line in $query.Output -split "`r?`n") {
                if ($line -match "^\s+(.+?)\s{4}(REG_\w+)\s{4}(.*)$" -and $Matches[1] -eq $Name) {
                    return [pscustomobject]@{ Type = $Matches[2]; Value = $Matches[3] }
                }
            }
            if ($query.ExitCode -eq 0) { throw "reg query $Key /v $Name succeeded but printed no such value:`n$($query.Output)" }
            $null
        }

        function Invoke-Registry([string[]] $Steps) {
            $run = Invoke-Bounded $wine (@((Get-HarnessPath), 'registry') + $Steps) 60
            if ($run.ExitCode -ne 0 -or -not $run.Output.StartsWith('{')) { throw "The harness failed ($($run.ExitCode)): $($run.Error)$($run.Output)" }
            $run.Output | ConvertFrom-Json -NoEnumerate
        }

        function Step($Run, [string] $Step) { @($Run.Steps | Where-Object Step -EQ $Step)[0] }

        $script:set = $null
        if (-not (Test-Path $wine)) { return }

        foreach ($add in @(
                @('HKCU\Software\Wine\Drivers', '/v', 'Graphics', '/d', 'null'),
                # Values that were there before the module: one to replace and restore with its kind, one it never set.
                @($userKey, '/v', 'GOENVTOOLS_RESTORE', '/t', 'REG_EXPAND_SZ', '/d', '%USERPROFILE%\old'),
                @($userKey, '/v', 'GOENVTOOLS_FOREIGN', '/d', 'set by someone else'),
                @($machineKey, '/v', 'GOENVTOOLS_MACHINE', '/d', 'machine value'))) {
            $done = Invoke-Bounded $wine (@('reg', 'add') + $add + '/f') 30
            if ($done.ExitCode -ne 0) { throw "reg add $($add -join ' ') failed: $($done.Output)$($done.Error)" }
        }
        # The display driver is chosen when a session starts: a new one, so that the harness can create windows.
        & /usr/bin/wineserver -k 2>$null

        $script:set = Invoke-Registry @(
            'set:GOENVTOOLS_PLAIN=https://proxy.example,direct'
            'set:GOENVTOOLS_PLAIN=https://proxy.example,direct'
            'set:PATH=%USERPROFILE%\go\bin'
            'set:GOENVTOOLS_GOPATH=%USERPROFILE%\go'
            'set:GOENVTOOLS_RESTORE=D:\new'
            'long:GOENVTOOLS_LONG=32767'
            'long:GOENVTOOLS_LONGEST=32766'
            'snapshot'
            'hung')
        $script:afterSet = @{}
        foreach ($name in 'GOENVTOOLS_PLAIN', 'PATH', 'GOENVTOOLS_GOPATH', 'GOENVTOOLS_RESTORE', 'GOENVTOOLS_LONG', 'GOENVTOOLS_LONGEST') {
            $afterSet[$name] = Get-RegValue $name
        }

        # Wine builds the environment of the first process of a new session from the registry, as Explorer does for
        # the apps it starts: a fresh wineserver, then cmd.exe prints what it got.
        & /usr/bin/wineserver -k 2>$null
        $listing = Invoke-Bounded $wine @('cmd', '/c', 'set') 60
        $script:newSession = @{}
        foreach ($line in $listing.Output -split "`r?`n") {
            $eq = $line.IndexOf('=')
            if ($eq -gt 0) { $newSession[$line.Substring(0, $eq)] = $line.Substring($eq + 1) }
        }

        $script:removed = Invoke-Registry @(
            'remove:GOENVTOOLS_PLAIN'
            'remove:GOENVTOOLS_PLAIN'
            'remove:PATH'
            'remove:GOENVTOOLS_GOPATH'
            'remove:GOENVTOOLS_RESTORE'
            'remove:GOENVTOOLS_FOREIGN'
            'remove:GOENVTOOLS_LONGEST')
        $script:afterRemove = @{}
        foreach ($name in 'GOENVTOOLS_PLAIN', 'PATH', 'GOENVTOOLS_GOPATH', 'GOENVTOOLS_RESTORE', 'GOENVTOOLS_FOREIGN', 'GOENVTOOLS_LONGEST') {
            $afterRemove[$name] = Get-RegValue $name
        }
    }

    BeforeEach {
        $script:hasWine = Test-Component -Path $wine -Package 'wine64 wine'
    }

    It 'writes a plain value as REG_SZ, and a second identical Set changes nothing' {
        if (-not $hasWine) { return }
        $first = Step $set 'set:GOENVTOOLS_PLAIN=https://proxy.example,direct'
        $first.Status | Should -Be 'Changed'
        $first.OldValue | Should -BeNullOrEmpty
        $afterSet['GOENVTOOLS_PLAIN'].Type | Should -Be 'REG_SZ'
        $afterSet['GOENVTOOLS_PLAIN'].Value | Should -BeExactly 'https://proxy.example,direct'
        $second = @($set.Steps)[1]
        $second.Status | Should -Be 'NoChange'
        $second.SessionUpdated | Should -BeFalse
        $second.Heard | Should -BeNullOrEmpty
    }

    It 'writes PATH and a value with %USERPROFILE% as REG_EXPAND_SZ, unexpanded' {
        if (-not $hasWine) { return }
        $afterSet['PATH'].Type | Should -Be 'REG_EXPAND_SZ'
        $afterSet['PATH'].Value | Should -BeExactly '%USERPROFILE%\go\bin'
        $afterSet['GOENVTOOLS_GOPATH'].Type | Should -Be 'REG_EXPAND_SZ'
        $afterSet['GOENVTOOLS_GOPATH'].Value | Should -BeExactly '%USERPROFILE%\go'
        $afterSet['GOENVTOOLS_RESTORE'].Type | Should -Be 'REG_SZ'
        (Step $set 'set:GOENVTOOLS_RESTORE=D:\new').OldValue | Should -BeExactly '%USERPROFILE%\old'
    }

    It 'refuses a value of 32,767 characters and writes nothing, but takes 32,766' {
        if (-not $hasWine) { return }
        $refused = Step $set 'long:GOENVTOOLS_LONG=32767'
        $refused.Error | Should -Be 'GuiEnvironmentValueException'
        $refused.Message | Should -Match '32,767'
        $afterSet['GOENVTOOLS_LONG'] | Should -BeNullOrEmpty
        (Step $set 'long:GOENVTOOLS_LONGEST=32766').Status | Should -Be 'Changed'
        $afterSet['GOENVTOOLS_LONGEST'].Value.Length | Should -Be 32766
    }

    It 'broadcasts WM_SETTINGCHANGE "Environment" after every change, and a listening window receives it' {
        if (-not $hasWine) { return }
        $set.Listening | Should -BeTrue -Because "the harness needs a top-level window ($($set.ListenerFailure))"
        foreach ($step in @($set.Steps | Where-Object Status -EQ 'Changed')) {
            $step.SessionUpdated | Should -BeTrue
            @($step.Heard) | Should -Be @('Environment') -Because "$($step.Step) was broadcast"
        }
    }

    It 'returns from the broadcast after its timeout when a window reads no messages, and reports success' {
        if (-not $hasWine) { return }
        $hung = Step $set 'hung'
        $hung.HungListening | Should -BeTrue -Because "a second window must exist ($($hung.HungListenerFailure))"
        # SMTO_ABORTIFHUNG skips a window only once its thread has read nothing for 5 s; this one was just created,
        # so the broadcast waits the whole timeout for it, once, and then goes on. Like Windows with HWND_BROADCAST,
        # Wine reports no per-window timeout: the call succeeds.
        $hung.Failure | Should -BeNullOrEmpty
        $hung.Milliseconds | Should -BeGreaterOrEqual ($hung.TimeoutMilliseconds - 500)
        $hung.Milliseconds | Should -BeLessThan (2 * $hung.TimeoutMilliseconds)
        @($hung.Heard) | Should -Be @('Environment')
    }

    It 'gives the snapshot a new session gets: machine and user merged, references expanded' {
        if (-not $hasWine) { return }
        $snapshot = Step $set 'snapshot'
        $snapshot.Platform | Should -Be 'Windows'
        $variables = @{}
        foreach ($pair in $snapshot.Variables) { $variables[$pair[0]] = $pair[1] }
        $variables['GOENVTOOLS_MACHINE'] | Should -BeExactly 'machine value'
        $variables['PATH'] | Should -Not -Match '%'
        $variables['PATH'] | Should -BeLike '*;*\go\bin'
        foreach ($name in 'PATH', 'GOENVTOOLS_GOPATH', 'GOENVTOOLS_PLAIN', 'GOENVTOOLS_MACHINE', 'GOENVTOOLS_RESTORE', 'TEMP', 'ComSpec') {
            $newSession[$name] | Should -Not -BeNullOrEmpty -Because "cmd.exe in a new session lists $name"
            $variables[$name] | Should -BeExactly $newSession[$name] -Because "a new Wine session got $name from the registry"
        }
    }

    It 'restores the previous value with its kind on Remove, and unsets what was unset' {
        if (-not $hasWine) { return }
        $afterRemove['GOENVTOOLS_RESTORE'].Type | Should -Be 'REG_EXPAND_SZ'
        $afterRemove['GOENVTOOLS_RESTORE'].Value | Should -BeExactly '%USERPROFILE%\old'
        (Step $removed 'remove:GOENVTOOLS_RESTORE').Value | Should -BeExactly '%USERPROFILE%\old'
        foreach ($name in 'GOENVTOOLS_PLAIN', 'PATH', 'GOENVTOOLS_GOPATH', 'GOENVTOOLS_LONGEST') {
            $afterRemove[$name] | Should -BeNullOrEmpty -Because "$name was unset before the module set it"
        }
        @($removed.Steps)[1].Status | Should -Be 'NoChange'
        @($removed.Steps)[-1].LedgerExists | Should -BeFalse
    }

    It 'leaves a value it never set alone on Remove, and says so' {
        if (-not $hasWine) { return }
        $foreign = Step $removed 'remove:GOENVTOOLS_FOREIGN'
        $foreign.Status | Should -Be 'NoChange'
        $foreign.NotManagedNote | Should -Match 'left alone'
        $afterRemove['GOENVTOOLS_FOREIGN'].Value | Should -BeExactly 'set by someone else'
    }
}
