BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    $script:gopls = '/usr/bin/gopls'

    # Starts a program with redirected streams and returns the process (the caller writes, reads and waits).
    function Start-Redirected {
        param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
        $info = [Diagnostics.ProcessStartInfo]::new($FilePath)
        foreach ($a in $ArgumentList) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        [Diagnostics.Process]::Start($info)
    }

    # Runs a program to its end; returns its exit code, standard output and the lines of standard error.
    function Invoke-Program {
        param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [string] $InputText = '')
        $p = Start-Redirected -FilePath $FilePath -ArgumentList $ArgumentList
        $out = $p.StandardOutput.ReadToEndAsync()
        $err = $p.StandardError.ReadToEndAsync()
        $p.StandardInput.Write($InputText)
        $p.StandardInput.Close()
        if (-not $p.WaitForExit(60000)) { $p.Kill($true); throw "$FilePath did not end within 60 s." }
        $p.WaitForExit()
        [pscustomobject]@{
            ExitCode = $p.ExitCode
            Output   = $out.GetAwaiter().GetResult()
            Errors   = @($err.GetAwaiter().GetResult() -split "`n" | Where-Object { $_ -ne '' })
        }
    }

    # One LSP message with Content-Length framing.
    function Write-LspMessage([IO.Stream] $Stream, [string] $Json) {
        $body = [Text.Encoding]::UTF8.GetBytes($Json)
        $head = [Text.Encoding]::ASCII.GetBytes("Content-Length: $($body.Length)`r`n`r`n")
        $Stream.Write($head, 0, $head.Length)
        $Stream.Write($body, 0, $body.Length)
        $Stream.Flush()
    }

    # Reads one framed message; returns the raw header text and the body.
    function Read-LspMessage([IO.Stream] $Stream) {
        $header = [Collections.Generic.List[byte]]::new()
        while (-not ($header.Count -ge 4 -and [Text.Encoding]::ASCII.GetString($header.ToArray(), $header.Count - 4, 4) -eq "`r`n`r`n")) {
            $b = $Stream.ReadByte()
            if ($b -lt 0) { throw "The stream ended inside a header: '$([Text.Encoding]::ASCII.GetString($header.ToArray()))'." }
            $header.Add([byte]$b)
        }
        $headerText = [Text.Encoding]::ASCII.GetString($header.ToArray())
        if ($headerText -notmatch 'Content-Length: (\d+)') { throw "No Content-Length in '$headerText'." }
        $length = [int]$Matches[1]
        $body = [byte[]]::new($length)
        $read = 0
        while ($read -lt $length) {
            $n = $Stream.Read($body, $read, $length - $read)
            if ($n -le 0) { throw 'The stream ended inside a body.' }
            $read += $n
        }
        [pscustomobject]@{ Header = $headerText; Body = [Text.Encoding]::UTF8.GetString($body) }
    }

    # A home with a zsh and a bash profile that export a variable of their own and print to standard output.
    function New-ProfileHome {
        param([string] $Extra = '')
        $home2 = Use-TestHome -Root $TestDrive
        $value = "from the profile: it's `$x ``q`` ü " + [guid]::NewGuid().ToString('N')
        $quoted = "'" + $value.Replace("'", "'\''") + "'"
        foreach ($file in '.zshrc', '.bash_profile') {
            Set-Content -LiteralPath (Join-Path $home2 $file) -Value @(
                "export WRAPPED_PROFILE_ONLY=$quoted"
                'echo "profile output that must not reach the LSP stream"'
                $Extra
            )
        }
        [pscustomobject]@{ Home = $home2; Value = $value; Destination = Join-Path $home2 ".local/share/goenvtools/bin" }
    }

    # A stand-in tool: prints each argument on a line of its own between [ and ], then its standard input, then exits 42.
    function New-ArgumentEcho([string] $Folder) {
        New-Item -ItemType Directory -Force -Path $Folder | Out-Null
        $path = Join-Path $Folder 'echo tool'
        Set-Content -LiteralPath $path -Value @(
            '#!/bin/sh'
            'for a in "$@"; do printf ''[%s]\n'' "$a"; done'
            'printf ''stdin=%s\n'' "$(cat)"'
            'printf ''profile=%s\n'' "${WRAPPED_PROFILE_ONLY-unset}"'
            'exit 42'
        )
        & chmod 755 $path
        $path
    }

    # The shells must read the profiles of the test HOME, not a folder the caller's environment names.
    $script:savedShell = $env:SHELL
    $script:savedStartup = @{}
    foreach ($name in 'ZDOTDIR', 'BASH_ENV', 'ENV') {
        $savedStartup[$name] = [Environment]::GetEnvironmentVariable($name)
        Remove-Item "Env:$name" -ErrorAction Ignore
    }
}

AfterAll {
    $env:SHELL = $savedShell
    foreach ($name in $savedStartup.Keys) {
        if ($null -ne $savedStartup[$name]) { [Environment]::SetEnvironmentVariable($name, $savedStartup[$name]) }
    }
}

Describe 'Install-GoWrapper with a real gopls and a <Shell> profile' -Tag 'Integration' -ForEach @(
    @{ Shell = '/usr/bin/zsh'; Package = 'zsh' }
    @{ Shell = '/bin/bash'; Package = 'bash' }
) {
    BeforeAll {
        $script:ready = (Test-Path $gopls) -and (Test-Path $Shell)
        $script:profileHome = New-ProfileHome
        $env:SHELL = $Shell
        if ($ready) {
            $script:installed = Install-GoWrapper -PassThru
        }
    }
    AfterAll {
        Restore-TestHome
        $env:SHELL = $savedShell
    }

    It 'writes the wrapper outside PATH, starting the gopls the login shell finds' {
        if (-not (Test-Component -Path $gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $Shell -Package $Package)) { return }
        $installed.PSObject.TypeNames[0] | Should -Be 'GoEnvTools.WrapperChange'
        $installed.Status | Should -Be 'Changed'
        $installed.Action | Should -Be 'Installed'
        $installed.WrapperPath | Should -Be (Join-Path $profileHome.Destination 'gopls')
        $installed.TargetPath | Should -Be $gopls
        $installed.Shell | Should -Be $Shell
        (Get-Content -LiteralPath $installed.WrapperPath -TotalCount 2)[1] | Should -Match '^# goenvtools-wrapper 1 tool=gopls target=/usr/bin/gopls '
        [IO.File]::GetUnixFileMode($installed.WrapperPath) | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute')
    }

    It 'runs gopls version through the wrapper, the profile''s output on standard error only' {
        if (-not (Test-Component -Path $gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $Shell -Package $Package)) { return }
        $run = Invoke-Program -FilePath $installed.WrapperPath -ArgumentList 'version'
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match '^golang.org/x/tools/gopls'
        $run.Output | Should -Not -Match 'profile output'
        $run.Errors | Should -Contain 'profile output that must not reach the LSP stream'
        $run.Errors | Should -Not -Match '^goenvtools wrapper:'
    }

    It 'carries an LSP initialize request and its response intact, the profile printing to standard output' {
        if (-not (Test-Component -Path $gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $Shell -Package $Package)) { return }
        $p = Start-Redirected -FilePath $installed.WrapperPath
        $errors = $p.StandardError.ReadToEndAsync()
        try {
            $in = $p.StandardInput.BaseStream
            $out = $p.StandardOutput.BaseStream
            $root = ([Uri](Join-Path $TestDrive 'lsp work')).AbsoluteUri
            Write-LspMessage $in ('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"' + $root + '","capabilities":{}}}')
            $reply = $null
            for ($i = 0; $i -lt 20 -and -not $reply; $i++) {
                $message = Read-LspMessage $out
                $message.Header | Should -Match '^Content-Length: \d+\r\n'
                $parsed = $message.Body | ConvertFrom-Json
                if ($parsed.PSObject.Properties['id'] -and $parsed.id -eq 1) { $reply = $parsed }
            }
            $reply | Should -Not -BeNullOrEmpty
            $reply.jsonrpc | Should -Be '2.0'
            $reply.result.capabilities | Should -Not -BeNullOrEmpty
            $reply.result.serverInfo.name | Should -Be 'gopls'
            Write-LspMessage $in '{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}'
            Write-LspMessage $in '{"jsonrpc":"2.0","method":"exit","params":null}'
            $p.StandardInput.Close()
            $p.WaitForExit(20000) | Should -BeTrue
        }
        finally {
            if (-not $p.HasExited) { $p.Kill($true) }
        }
        $errors.GetAwaiter().GetResult() | Should -Match 'profile output that must not reach the LSP stream'
    }

    It 'becomes gopls in the same process, whose environment holds what only the profile exports' {
        if (-not (Test-Component -Path $gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $Shell -Package $Package)) { return }
        $p = Start-Redirected -FilePath $installed.WrapperPath -ArgumentList 'serve'
        try {
            # The script's process is named after its file (gopls) already; its executable shows when exec happened.
            Wait-Until -Because 'the wrapper to become gopls' { (& readlink "/proc/$($p.Id)/exe") -eq $gopls } | Out-Null
            $seen = Get-GoplsEnvironment -Id $p.Id
            $seen.ProcessId | Should -Be $p.Id
            $seen.ExecutablePath | Should -Be $gopls
            $seen.Environment['WRAPPED_PROFILE_ONLY'] | Should -BeExactly $profileHome.Value
            $seen.Environment.Keys | Should -Not -Contain 'VSCODE_RESOLVING_ENVIRONMENT'
            $seen.Environment.Keys | Should -Not -Contain 'GOENVTOOLS_WRAPPER_DUMP'
            $seen.Environment['HOME'] | Should -Be $profileHome.Home
        }
        finally {
            $p.Kill($true)
            $p.WaitForExit()
        }
    }

    It 'leaves no file with the captured environment behind' {
        if (-not (Test-Component -Path $gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $Shell -Package $Package)) { return }
        $null = Invoke-Program -FilePath $installed.WrapperPath -ArgumentList 'version'
        Wait-Until -Because 'the captured environment to be removed' {
            -not (Get-ChildItem -Force -LiteralPath $profileHome.Destination -Filter '.goenvtools-env.*')
        } | Should -BeTrue
        Get-ChildItem -Force -LiteralPath $profileHome.Destination | ForEach-Object Name | Should -Be 'gopls'
    }

    It 'says NoChange the second time and writes nothing' {
        if (-not (Test-Component -Path $gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $Shell -Package $Package)) { return }
        $before = (Get-Item -LiteralPath $installed.WrapperPath).LastWriteTimeUtc
        $again = Install-GoWrapper -PassThru
        $again.Status | Should -Be 'NoChange'
        $again.Action | Should -Be 'None'
        (Get-Item -LiteralPath $installed.WrapperPath).LastWriteTimeUtc | Should -Be $before
    }
}

Describe 'The wrapper with a stand-in tool' -Tag 'Integration' {
    BeforeAll {
        $env:SHELL = '/usr/bin/zsh'
    }
    AfterAll {
        $env:SHELL = $savedShell
    }
    AfterEach { Restore-TestHome }

    It 'passes every argument, standard input and the exit code through, with hostile paths quoted' {
        if (-not (Test-Component -Path /usr/bin/zsh -Package zsh)) { return }
        $h = New-ProfileHome
        Push-Location $TestDrive
        try {
            $hostile = 'it''s "q" $(touch pwned1) `touch pwned2` $HOME ü'
            $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive "tools $hostile")
            $destination = Join-Path $TestDrive "wrappers $hostile"
            $w = Install-GoWrapper -Tool go -TargetPath $tool -Destination $destination -PassThru -WarningAction SilentlyContinue
            $w.TargetPath | Should -Be $tool
            $arguments = @('a b', '', "it's", '$HOME', '`date`', '--flag=x y', 'ü')
            $run = Invoke-Program -FilePath $w.WrapperPath -ArgumentList $arguments -InputText 'from stdin'
            $run.ExitCode | Should -Be 42
            $lines = $run.Output -split "`n" | Where-Object { $_ -ne '' }
            $lines[0..($arguments.Count - 1)] | Should -Be ($arguments | ForEach-Object { "[$_]" })
            $lines | Should -Contain 'stdin=from stdin'
            $lines | Should -Contain "profile=$($h.Value)"
            Get-ChildItem -Path $TestDrive -Recurse -Filter 'pwned*' | Should -BeNullOrEmpty
            Get-ChildItem -Path $PWD -Filter 'pwned*' | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }

    It 'reads a fish profile too, through fish''s own quoting' {
        if (-not (Test-Component -Path /usr/bin/fish -Package fish)) { return }
        $h = New-ProfileHome
        $fishConfig = Join-Path $h.Home '.config/fish/config.fish'
        New-Item -ItemType Directory -Force -Path (Split-Path $fishConfig) | Out-Null
        Set-Content -LiteralPath $fishConfig -Value @(
            "set -gx WRAPPED_PROFILE_ONLY '$($h.Value.Replace('\', '\\').Replace("'", "\'"))'"
            'echo "fish profile output"'
        )
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive "fish tools it's")
        $w = Install-GoWrapper -Tool go -TargetPath $tool -Shell /usr/bin/fish -Destination (Join-Path $TestDrive "fish wrappers it's") -PassThru -WarningAction SilentlyContinue
        $run = Invoke-Program -FilePath $w.WrapperPath -ArgumentList 'z'
        $run.ExitCode | Should -Be 42
        $run.Output | Should -Match ([regex]::Escape("profile=$($h.Value)"))
        $run.Errors | Should -Contain 'fish profile output'
        $run.Errors | Should -Not -Match '^goenvtools wrapper:'
    }

    It 'warns that vscode-go puts the real GOROOT/bin first for -Tool go' {
        $null = New-ProfileHome
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive 'go tools')
        $null = Install-GoWrapper -Tool go -TargetPath $tool -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'GOROOT/bin first'
    }

    It 'starts the tool with the inherited environment and one line on standard error when the profile fails' {
        if (-not (Test-Component -Path /usr/bin/zsh -Package zsh)) { return }
        $h = New-ProfileHome -Extra 'exit 1'
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive 'fail tools')
        $w = Install-GoWrapper -Tool go -TargetPath $tool -PassThru -WarningAction SilentlyContinue
        $run = Invoke-Program -FilePath $w.WrapperPath -ArgumentList 'x'
        $run.ExitCode | Should -Be 42
        $run.Output | Should -Match '\[x\]'
        $run.Output | Should -Match 'profile=unset'
        $mine = @($run.Errors | Where-Object { $_ -like 'goenvtools wrapper:*' })
        $mine.Count | Should -Be 1
        $mine[0] | Should -Match '/usr/bin/zsh -i -l -c exited with code 1 before it printed its environment; starting .*echo tool with the environment it inherited$'
    }

    It 'stops a profile that hangs after the timeout, with everything it started, and still starts the tool' {
        if (-not (Test-Component -Path /usr/bin/zsh -Package zsh)) { return }
        # The sh stays (two commands) and names the token; its sleep has a number of its own.
        $token = 'goenvtools-hang-' + [guid]::NewGuid().ToString('N')
        $seconds = '300.' + (Get-Random -Minimum 100000 -Maximum 999999)
        $null = New-ProfileHome -Extra "/bin/sh -c 'sleep $seconds; :' $token"
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive 'hang tools')
        $w = Install-GoWrapper -Tool go -TargetPath $tool -TimeoutSeconds 1 -PassThru -WarningAction SilentlyContinue
        $run = Invoke-Program -FilePath $w.WrapperPath -ArgumentList 'y'
        $run.ExitCode | Should -Be 42
        $run.Output | Should -Match 'profile=unset'
        $mine = @($run.Errors | Where-Object { $_ -like 'goenvtools wrapper:*' })
        $mine.Count | Should -Be 1
        $mine[0] | Should -Match 'did not finish within 1 s'
        $left = Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$' | Where-Object {
            $cmdline = Get-Content -Raw -LiteralPath "$($_.FullName)/cmdline" -ErrorAction Ignore
            $cmdline -and ($cmdline.Contains($token) -or $cmdline.Contains($seconds))
        }
        $left | Should -BeNullOrEmpty
    }
}

Describe 'Install-GoWrapper refuses what would go wrong' {
    BeforeEach {
        $script:h = New-ProfileHome
        $env:SHELL = '/bin/bash'
    }
    AfterEach {
        Restore-TestHome
        $env:SHELL = $savedShell
    }

    It 'never takes a wrapper for the real tool' {
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive 'real tools')
        $first = Install-GoWrapper -Tool go -TargetPath $tool -PassThru -WarningAction SilentlyContinue
        { Install-GoWrapper -Tool go -TargetPath $first.WrapperPath -Destination (Join-Path $TestDrive 'other') -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'WrapperTargetInvalid,GoEnvTools.Commands.InstallGoWrapperCommand'
        { Install-GoWrapper -Tool go -TargetPath $first.WrapperPath -Destination (Join-Path $TestDrive 'other') -WarningAction SilentlyContinue } |
            Should -Throw "*is a wrapper GoEnvTools wrote*-TargetPath '$tool'*"
    }

    It 'passes over wrappers on the login shell''s PATH and finds the real gopls behind them' {
        if (-not (Test-Component -Path $gopls -Package gopls)) { return }
        $first = Install-GoWrapper -TargetPath $gopls -PassThru
        Add-Content -LiteralPath (Join-Path $h.Home '.bash_profile') -Value "export PATH='$($h.Destination)':`"`$PATH`""
        $second = Install-GoWrapper -Destination (Join-Path $TestDrive 'second') -PassThru -Verbose 4>&1 | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] -or $_.Message -like 'Passed over*' }
        @($second | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -BeLike "Passed over '$($first.WrapperPath)'*"
        ($second | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }).TargetPath | Should -Be $gopls
    }

    It 'leaves a file it did not write alone unless -Force, which keeps a copy' {
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive 'force tools')
        New-Item -ItemType Directory -Force -Path $h.Destination | Out-Null
        $mine = Join-Path $h.Destination 'go'
        Set-Content -LiteralPath $mine -Value 'my own script'
        { Install-GoWrapper -Tool go -TargetPath $tool -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'WrapperPathTaken,GoEnvTools.Commands.InstallGoWrapperCommand'
        Get-Content -LiteralPath $mine | Should -Be 'my own script'
        { Uninstall-GoWrapper -Tool go -ErrorAction Stop } | Should -Throw -ErrorId 'WrapperNotOwned,GoEnvTools.Commands.UninstallGoWrapperCommand'
        Get-Content -LiteralPath $mine | Should -Be 'my own script'
        Install-GoWrapper -Tool go -TargetPath $tool -Force -WarningAction SilentlyContinue
        Get-Content -LiteralPath "$mine.goenvtools.bak" | Should -Be 'my own script'
        (Get-Content -LiteralPath $mine -TotalCount 2)[1] | Should -BeLike '# goenvtools-wrapper *'
    }

    It 'writes nothing with -WhatIf' {
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive 'whatif tools')
        Install-GoWrapper -Tool go -TargetPath $tool -SetAlternateTool -Editor Code -WhatIf -WarningAction SilentlyContinue
        Test-Path -LiteralPath (Join-Path $h.Destination 'go') | Should -BeFalse
        Test-Path -LiteralPath (Join-Path $h.Home '.config/Code/User/settings.json') | Should -BeFalse
    }

    It 'says what was and was not changed when the setting cannot be written after the wrapper was' {
        $tool = New-ArgumentEcho -Folder (Join-Path $TestDrive 'half tools')
        $blocker = Join-Path $TestDrive ('not a folder ' + [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $blocker -Value 'a file where a folder should be'
        $err = $null
        try { Install-GoWrapper -Tool go -TargetPath $tool -SetAlternateTool -Path (Join-Path $blocker 'settings.json') -WarningAction SilentlyContinue }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'WrapperSettingNotChanged,GoEnvTools.Commands.InstallGoWrapperCommand'
        $err.Exception.Message | Should -BeLike "The wrapper '*go' is written, but go.alternateTools.go in '*settings.json' was not changed:*Uninstall-GoWrapper*"
        Test-Path -LiteralPath (Join-Path $h.Destination 'go') | Should -BeTrue
    }
}
