<#
    Get-ShellEnvironment against real shells reading real start-up files in a temporary HOME. Each capture is
    compared with the ground truth: the same shell started the same way (a session of its own, standard input at
    end of file, the same environment plus VSCODE_RESOLVING_ENVIRONMENT=1, the same folder) writing `env -0` to a
    file, less what VS Code drops.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    $script:touched = 'HOME', 'ZDOTDIR', 'BASH_ENV', 'ENV', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'SHELL', 'PATH', 'GOENV_TEST_ODD'
    $script:saved = @{}
    foreach ($name in $touched) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }

    # A fresh HOME holding the given files (LF line ends), made the HOME of this process and so of the shells.
    function Use-TestHome {
        param([hashtable] $Files = @{})
        $dir = Join-Path $TestDrive ('home-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        foreach ($name in $Files.Keys) {
            $path = Join-Path $dir $name
            New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
            [IO.File]::WriteAllText($path, $Files[$name])
        }
        $env:HOME = $dir
        $env:XDG_CONFIG_HOME = "$dir/.config"
        $env:XDG_DATA_HOME = "$dir/.local/share"
        Remove-Item Env:ZDOTDIR, Env:BASH_ENV, Env:ENV -ErrorAction Ignore
        $dir
    }

    function Restore-TestEnvironment {
        # PowerShell passes $null to a string parameter as '', which would leave an empty variable (ZDOTDIR='' makes
        # zsh look for /.zshrc): remove what was not set.
        foreach ($name in $touched) {
            if ($null -eq $saved[$name]) { Remove-Item "Env:$name" -ErrorAction Ignore }
            else { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    function ConvertFrom-EnvBlock([byte[]] $Bytes) {
        $result = [ordered]@{}
        $text = [Text.Encoding]::UTF8.GetString($Bytes)
        foreach ($entry in $text.Split([char]0)) {
            $eq = $entry.IndexOf('=')
            if ($eq -le 0) { continue }
            $name = $entry.Substring(0, $eq)
            if (-not $result.Contains($name)) { $result[$name] = $entry.Substring($eq + 1) }
        }
        $result
    }

    # The shell run by hand as VS Code runs it, dumping env -0 to a file; returns the variables less what VS Code drops.
    function Get-GroundTruth {
        param([string] $Shell, [string[]] $Options = @('-i', '-l', '-c'), [Parameter(Mandatory)] [string] $WorkingDirectory)
        $file = Join-Path $TestDrive ('truth-' + [guid]::NewGuid().ToString('N'))
        # VS Code runs one simple command, which bash and zsh exec in place of forking (and so lower SHLVL); a
        # redirection stops that, so the dump execs explicitly there. fish never execs the last command.
        $dump = if ((Split-Path -Leaf $Shell) -eq 'fish') { "/usr/bin/env -0 > '$file'" } else { "exec /usr/bin/env -0 > '$file'" }
        $info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/setsid')
        foreach ($a in @('-w', $Shell) + $Options + $dump) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.WorkingDirectory = $WorkingDirectory
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.Environment['VSCODE_RESOLVING_ENVIRONMENT'] = '1'
        $p = [Diagnostics.Process]::Start($info)
        $p.StandardInput.Close()
        $errTask = $p.StandardError.ReadToEndAsync()
        $null = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        $null = $errTask.Result
        $truth = ConvertFrom-EnvBlock ([IO.File]::ReadAllBytes($file))
        $truth.Remove('XDG_RUNTIME_DIR')
        $truth.Remove('VSCODE_RESOLVING_ENVIRONMENT')
        $truth
    }

    # Differences between a capture and the ground truth, one line each; '_' holds the last program each shell ran.
    function Compare-Environment($Actual, $Expected) {
        $names = @($Actual.Keys) + @($Expected.Keys) | Where-Object { $_ -cne '_' } | Sort-Object -Unique -CaseSensitive
        foreach ($name in $names) {
            if (-not $Actual.Contains($name)) { "missing $name" }
            elseif (-not $Expected.Contains($name)) { "extra $name=$($Actual[$name])" }
            elseif ($Actual[$name] -cne $Expected[$name]) { "changed $name : '$($Actual[$name])' vs '$($Expected[$name])'" }
        }
    }

    # Processes whose process group is the given id (zombies included), read from /proc.
    function Get-ProcessGroupMember([int] $GroupId) {
        foreach ($dir in Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$') {
            $stat = Get-Content -Raw -LiteralPath "$($dir.FullName)/stat" -ErrorAction Ignore
            if (-not $stat) { continue }
            $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
            if ([int]$fields[2] -eq $GroupId) { [int]$dir.Name }
        }
    }

    $script:bash = '/usr/bin/bash'
    $script:zsh = '/usr/bin/zsh'
    $script:fish = '/usr/bin/fish'
}

AfterAll {
    Restore-TestEnvironment
}

Describe 'Get-ShellEnvironment with a real bash login shell' -Tag 'Integration' {
    BeforeAll {
        $script:home_ = Use-TestHome @{
            '.bash_profile' = "export GOENV_TEST_FROM=bash_profile`nexport PATH=`"`$HOME/bin:`$PATH`"`nexport GOENV_TEST_NEWLINE=`$'one\ntwo\tthree\x01\x1b[0m'`n"
            '.bashrc'       = "export GOENV_TEST_BASHRC=read`n"
            '.profile'      = "export GOENV_TEST_PROFILE=read`n"
        }
        $env:GOENV_TEST_ODD = "line1`nline2 a=b 'single' `"double`" `$dollar \back`ttab `u{1}`u{7f} ü 日本 🙂"
        $env:XDG_RUNTIME_DIR = $env:XDG_RUNTIME_DIR ?? '/run/user/test'
        $script:result = Get-ShellEnvironment -Shell bash -WorkingDirectory $home_ -WarningVariable script:warnings
        $script:truth = Get-GroundTruth -Shell $bash -WorkingDirectory $home_
    }
    AfterAll { Restore-TestEnvironment }

    It 'reads .bash_profile but neither .bashrc nor .profile, as bash -l does' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $result.Variables['GOENV_TEST_FROM'] | Should -BeExactly 'bash_profile'
        $result.Variables.Contains('GOENV_TEST_BASHRC') | Should -BeFalse
        $result.Variables.Contains('GOENV_TEST_PROFILE') | Should -BeFalse
    }

    It 'captures exactly what the same shell dumps with env -0' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        Compare-Environment $result.Variables $truth | Should -BeNullOrEmpty
        $result.Variables.Count | Should -BeGreaterThan 3
    }

    It 'keeps newlines, quotes, control characters and non-ASCII byte for byte' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $result.Variables['GOENV_TEST_ODD'] | Should -BeExactly $env:GOENV_TEST_ODD
        $result.Variables['GOENV_TEST_NEWLINE'] | Should -BeExactly "one`ntwo`tthree`u{1}`e[0m"
        $result.Variables['PATH'] | Should -BeLike "$home_/bin:*"
    }

    It 'drops XDG_RUNTIME_DIR and VSCODE_RESOLVING_ENVIRONMENT, as VS Code does' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $result.Variables.Contains('XDG_RUNTIME_DIR') | Should -BeFalse
        $result.Variables.Contains('VSCODE_RESOLVING_ENVIRONMENT') | Should -BeFalse
    }

    It 'describes the run: shell, VS Code''s arguments, time, exit code, standard error' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $result.PSObject.TypeNames | Should -Contain 'GoEnvTools.GoEnvSnapshot'
        $result.Shell | Should -Be $bash
        $result.Arguments | Should -Be @('-i', '-l', '-c')
        $result.Source | Should -Be "shell $bash -i -l -c"
        $result.ExitCode | Should -Be 0
        $result.ElapsedMilliseconds | Should -BeGreaterThan 0
        $result.ElapsedMilliseconds | Should -BeLessThan 3000
        $result.EnvironmentStatus | Should -Be 'Ok'
        $result.WorkingDirectory | Should -Be $home_
        $result.StandardError | Should -BeOfType [string]
        $warnings | Should -BeNullOrEmpty
    }

    It 'is shown by the snapshot table view within 120 columns and by the list view with the run''s details' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $table = @(($result | Format-Table | Out-String -Width 300) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ })
        $table[0] | Should -Match '^Source\s+Platform\s+Environment\s+Vars\s+CapturedAt\s+Ms\s+Exit$'
        $table[2] | Should -Match "^shell $([regex]::Escape($bash)) -i -l -c\s+Linux\s+Ok\s+$($result.Variables.Count)\s"
        ($table | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
        $list = $result | Format-List | Out-String -Width 300
        $list | Should -Match 'Arguments\s+: -i -l -c'
        $list | Should -Match 'GOENV_TEST_FROM=bash_profile'
    }

    It 'runs in -WorkingDirectory' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $result.Variables['PWD'] | Should -Be $home_
    }

    It 'drops -l with -NoLogin: .bashrc instead of .bash_profile' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $nonLogin = Get-ShellEnvironment -Shell bash -NoLogin -WorkingDirectory $home_
        $nonLogin.Arguments | Should -Be @('-i', '-c')
        $nonLogin.Variables['GOENV_TEST_BASHRC'] | Should -Be 'read'
        $nonLogin.Variables.Contains('GOENV_TEST_FROM') | Should -BeFalse
        Compare-Environment $nonLogin.Variables (Get-GroundTruth -Shell $bash -Options '-i', '-c' -WorkingDirectory $home_) | Should -BeNullOrEmpty
    }

    It 'drops -i with -NoInteractive' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $plain = Get-ShellEnvironment -Shell bash -NoInteractive -WorkingDirectory $home_
        $plain.Arguments | Should -Be @('-l', '-c')
        Compare-Environment $plain.Variables (Get-GroundTruth -Shell $bash -Options '-l', '-c' -WorkingDirectory $home_) | Should -BeNullOrEmpty
    }
}

Describe 'Get-ShellEnvironment with a real zsh' -Tag 'Integration' {
    BeforeAll {
        $script:home_ = Use-TestHome @{
            '.zshenv'   = "export GOENV_TEST_ZSHENV=1`n"
            '.zprofile' = "export GOENV_TEST_ZPROFILE=1`n"
            '.zshrc'    = "export GOENV_TEST_ZSHRC=1`nexport GOENV_TEST_SEEN_FLAG=`$VSCODE_RESOLVING_ENVIRONMENT`n"
        }
        if (Test-Path $zsh) {
            $script:result = Get-ShellEnvironment -Shell $zsh -WorkingDirectory $home_
            $script:truth = Get-GroundTruth -Shell $zsh -WorkingDirectory $home_
        }
    }
    AfterAll { Restore-TestEnvironment }

    It 'reads .zshenv, .zprofile and .zshrc' {
        if (-not (Test-Component -Path $zsh -Package zsh)) { return }
        $result.Variables['GOENV_TEST_ZSHENV'] | Should -Be '1'
        $result.Variables['GOENV_TEST_ZPROFILE'] | Should -Be '1'
        $result.Variables['GOENV_TEST_ZSHRC'] | Should -Be '1'
    }

    It 'gives the start-up files VSCODE_RESOLVING_ENVIRONMENT=1' {
        if (-not (Test-Component -Path $zsh -Package zsh)) { return }
        $result.Variables['GOENV_TEST_SEEN_FLAG'] | Should -Be '1'
    }

    It 'captures exactly what the same shell dumps with env -0' {
        if (-not (Test-Component -Path $zsh -Package zsh)) { return }
        Compare-Environment $result.Variables $truth | Should -BeNullOrEmpty
    }
}

Describe 'Get-ShellEnvironment with a real fish' -Tag 'Integration' {
    BeforeAll {
        $script:home_ = Use-TestHome @{
            '.config/fish/config.fish' = "set -gx GOENV_TEST_FISH config`nset -gx GOENV_TEST_FISH_LIST a b c`n"
        }
        if (Test-Path $fish) {
            $script:result = Get-ShellEnvironment -Shell fish -WorkingDirectory $home_
            $script:truth = Get-GroundTruth -Shell $fish -WorkingDirectory $home_
        }
    }
    AfterAll { Restore-TestEnvironment }

    It 'reads config.fish' {
        if (-not (Test-Component -Path $fish -Package fish)) { return }
        $result.Shell | Should -Be $fish
        $result.Arguments | Should -Be @('-i', '-l', '-c')
        $result.Variables['GOENV_TEST_FISH'] | Should -Be 'config'
        $result.Variables['GOENV_TEST_FISH_LIST'] | Should -Be 'a b c'
    }

    It 'captures exactly what the same shell dumps with env -0' {
        if (-not (Test-Component -Path $fish -Package fish)) { return }
        Compare-Environment $result.Variables $truth | Should -BeNullOrEmpty
    }
}

Describe 'Get-ShellEnvironment with start-up files that misbehave' -Tag 'Integration' {
    AfterEach { Restore-TestEnvironment }

    It 'ignores noise that looks like JSON, markers and NUL-separated variables' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $home_ = Use-TestHome @{
            '.bash_profile' = @'
printf '{"PATH":"/fake"}\n0123456789ab\0FAKE=1\0deadbeef0123\n'
printf 'to stderr\n' >&2
export GOENV_TEST_NOISY=kept
'@
        }
        $result = Get-ShellEnvironment -Shell bash -WorkingDirectory $home_
        $result.Variables['GOENV_TEST_NOISY'] | Should -Be 'kept'
        $result.Variables.Contains('FAKE') | Should -BeFalse
        $result.StandardError | Should -Match 'to stderr'
        Compare-Environment $result.Variables (Get-GroundTruth -Shell $bash -WorkingDirectory $home_) | Should -BeNullOrEmpty
    }

    It 'gives a start-up file that reads standard input end of file at once' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $home_ = Use-TestHome @{ '.bash_profile' = "read -r answer`nexport GOENV_TEST_ANSWER=`"got:`$answer`"`n" }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Get-ShellEnvironment -Shell bash -WorkingDirectory $home_ -TimeoutSeconds 5
        $watch.Stop()
        $result.Variables['GOENV_TEST_ANSWER'] | Should -BeExactly 'got:'
        $watch.ElapsedMilliseconds | Should -BeLessThan 4000
    }

    It 'stops a start-up that outlasts the timeout, with its whole process group, within timeout + 1 s' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $home_ = Use-TestHome @{ '.bash_profile' = "echo `$`$ > `"`$HOME/shell.pid`"`nsleep 60 &`nsleep 60`n" }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $caught = $null
        try { Get-ShellEnvironment -Shell bash -WorkingDirectory $home_ -TimeoutSeconds 2 } catch { $caught = $_ }
        $watch.Stop()
        $watch.ElapsedMilliseconds | Should -BeLessThan 3000
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'ShellEnvironmentTimeout*'
        $caught.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $caught.Exception.Message | Should -Match 'Unable to resolve your shell environment in a reasonable time'
        $caught.Exception.Message | Should -Match 'bash -x -i -l -c exit'
        $group = [int](Get-Content "$home_/shell.pid")
        $group | Should -BeGreaterThan 1
        # Killed processes linger as zombies until their new parent reaps them: poll until the group is empty.
        Wait-Until -TimeoutSeconds 5 -Because "process group $group to be gone" { @(Get-ProcessGroupMember $group).Count -eq 0 } | Should -BeTrue
    }

    It 'returns the environment of a shell that exits non-zero after printing it, with ExitCode and a warning' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $home_ = Use-TestHome @{ '.bash_profile' = "export GOENV_TEST_EXIT=still`ntrap 'exit 7' EXIT`n" }
        $result = Get-ShellEnvironment -Shell bash -WorkingDirectory $home_ -WarningVariable warnings -WarningAction SilentlyContinue
        $result.ExitCode | Should -Be 7
        $result.Variables['GOENV_TEST_EXIT'] | Should -Be 'still'
        ($warnings -join ' ') | Should -Match 'exited with code 7'
        ($warnings -join ' ') | Should -Match 'Unexpected exit code'
    }

    It 'reports a shell that exits before printing the environment, with its standard error' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $home_ = Use-TestHome @{ '.bash_profile' = "echo 'broken profile here' >&2`nexit 5`n" }
        $caught = $null
        try { Get-ShellEnvironment -Shell bash -WorkingDirectory $home_ } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ShellEnvironmentNotCaptured*'
        $caught.Exception.Message | Should -Match 'exited with code 5'
        $caught.Exception.Message | Should -Match 'broken profile here'
    }
}

Describe 'Get-ShellEnvironment choosing the shell and its arguments' {
    BeforeAll {
        # A fake pwsh that records its arguments, one per line, and prints nothing.
        $script:bin = Join-Path $TestDrive 'bin'
        New-Item -ItemType Directory -Path $bin | Out-Null
        $script:argsFile = Join-Path $TestDrive 'pwsh-args.txt'
        $script:fakePwsh = Join-Path $bin 'pwsh'
        [IO.File]::WriteAllText($fakePwsh, "#!/bin/sh`nprintf '%s\n' `"`$@`" > '$argsFile'`n")
        chmod +x $fakePwsh
    }
    AfterEach { Restore-TestEnvironment; Remove-Item $argsFile -ErrorAction Ignore }

    It 'starts pwsh with -Login -Command, found on PATH' {
        $null = Use-TestHome
        $env:PATH = "${bin}:$env:PATH"
        $caught = $null
        try { Get-ShellEnvironment -Shell pwsh } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ShellEnvironmentNotCaptured*'
        $recorded = @(Get-Content $argsFile)
        $recorded[0] | Should -BeExactly '-Login'
        $recorded[1] | Should -BeExactly '-Command'
        $recorded[2] | Should -Match "^& '[^']+/cat' '[^']+-([0-9a-f]{12})' '/proc/self/environ' '[^']+-([0-9a-f]{12})'$"
        $recorded.Count | Should -Be 3
    }

    It 'drops -Login with -NoLogin' {
        $null = Use-TestHome
        try { Get-ShellEnvironment -Shell $fakePwsh -NoLogin } catch { $null = $_ }
        $recorded = @(Get-Content $argsFile)
        $recorded[0] | Should -BeExactly '-Command'
        $recorded.Count | Should -Be 2
    }

    It 'uses $SHELL when -Shell is not given' {
        $null = Use-TestHome
        $env:SHELL = $fakePwsh
        try { Get-ShellEnvironment } catch { $null = $_ }
        @(Get-Content $argsFile)[0] | Should -BeExactly '-Login'
    }

    It 'falls back to the passwd entry when SHELL is unset' {
        if (-not (Test-Component -Path $bash -Package bash)) { return }
        $null = Use-TestHome
        Remove-Item Env:SHELL -ErrorAction Ignore
        $expected = ((getent passwd ([int](id -u))) -split ':')[6]
        $result = Get-ShellEnvironment
        $result.Shell | Should -Be $expected
    }

    It 'uses a random 12-hex-digit marker each time' {
        $null = Use-TestHome
        try { Get-ShellEnvironment -Shell $fakePwsh } catch { $null = $_ }
        $first = @(Get-Content $argsFile)[2]
        try { Get-ShellEnvironment -Shell $fakePwsh } catch { $null = $_ }
        $second = @(Get-Content $argsFile)[2]
        $first | Should -Not -Be $second
    }

    It 'completes -Shell with the installed shells' {
        if (-not (Test-Component -Path $zsh -Package zsh)) { return }
        $line = 'Get-ShellEnvironment -Shell /usr/bin/zs'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Contain '/usr/bin/zsh'
        ($completions | Where-Object CompletionText -EQ '/usr/bin/zsh').ToolTip | Should -Match '-i -l -c'
    }

    It 'reports a shell that is not on PATH as ShellNotFound' {
        { Get-ShellEnvironment -Shell 'no-such-shell-goenvtools' } | Should -Throw -ErrorId 'ShellNotFound*'
    }

    It 'reports a shell that cannot be started as ShellStartFailed' {
        { Get-ShellEnvironment -Shell (Join-Path $TestDrive 'missing/zsh') } | Should -Throw -ErrorId 'ShellStartFailed*'
    }
}
