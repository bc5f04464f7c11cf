BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:fixtures = Join-Path $PSScriptRoot '../Unit/Fixtures/vscode-settings'

    function Get-Sha { param($Path) (Get-FileHash -Algorithm SHA256 -LiteralPath $Path).Hash }

    # Runs a command in a child pwsh (same HOME) and returns everything it printed, WhatIf lines included.
    # -Isolated runs it in a PID namespace of its own, where no gopls of another program can be seen.
    function Invoke-Child {
        param([string] $Command, [switch] $Isolated)
        $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
        if ($Isolated) { $pwsh = @('/usr/bin/unshare', '--pid', '--fork', '--mount-proc') + $pwsh }
        $full = "Import-Module '$(Get-TestModulePath)'; $Command"
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $full 2>&1 | ForEach-Object { "$_" }
    }
}

Describe 'Set-VsCodeGoToolsEnv' {
    BeforeEach {
        $script:home2 = Use-TestHome -Root $TestDrive
        $script:user = "$home2/.config/Code/User"
        $script:settings = "$user/settings.json"
    }
    AfterEach { Restore-TestHome }

    It 'creates a missing settings file and its folders' {
        Set-VsCodeGoToolsEnv -Editor Code -Variable @{ GOPROXY = 'https://proxy.example.com' }
        $read = Read-WithJsoncParser -Path $settings
        if ($null -eq $read) { return }
        $read.errors | Should -BeNullOrEmpty
        $read.value['go.toolsEnvVars']['GOPROXY'] | Should -Be 'https://proxy.example.com'
    }

    It 'chooses the only editor installed when no gopls runs, and asks for -Editor when there are several' {
        # Without -Editor the choice starts from the running gopls processes: the cmdlet runs where none can be seen
        # (a PID namespace of its own), so a gopls that another program runs on this machine cannot decide it.
        $choose = "try { Set-VsCodeGoToolsEnv -Variable @{ A = 'b' }; 'chosen' } catch { `$_.FullyQualifiedErrorId }"
        New-Item -ItemType Directory "$home2/.config/VSCodium" | Out-Null
        Invoke-Child -Isolated $choose | Should -Be 'chosen'
        Test-Path "$home2/.config/VSCodium/User/settings.json" | Should -BeTrue
        New-Item -ItemType Directory "$home2/.config/Cursor" | Out-Null
        Invoke-Child -Isolated $choose | Should -Be 'SettingsEditorNotChosen,GoEnvTools.Commands.SetVsCodeGoToolsEnvCommand'
        { Set-VsCodeGoToolsEnv -Editor Other -Variable @{ A = 'b' } } | Should -Throw -ErrorId 'SettingsEditorNotChosen,GoEnvTools.Commands.SetVsCodeGoToolsEnvCommand'
    }

    It 'sets, prepends and removes in every real settings file, as jsonc-parser reads it: <_>' -ForEach (
        Get-ChildItem (Join-Path $PSScriptRoot '../Unit/Fixtures/vscode-settings') -Filter *.json | Select-Object -ExpandProperty Name) {
        $copy = Join-Path $TestDrive "edit-$_"
        Copy-Item -LiteralPath (Join-Path $fixtures $_) $copy
        $before = Read-WithJsoncParser -Path $copy
        if ($null -eq $before) { return }
        if ($before.errors) { Set-ItResult -Skipped -Because "the fixture itself has parse errors: $($before.errors)"; return }
        $toolsBefore = $before.value['go.toolsEnvVars']
        if ($null -ne $toolsBefore -and $toolsBefore -isnot [System.Collections.IDictionary]) { Set-ItResult -Skipped -Because 'go.toolsEnvVars is not an object'; return }

        Set-VsCodeGoToolsEnv -Path $copy -Variable @{ GOPROXY = 'https://p' } -PrependPath '/opt/go/bin' -NoBackup
        $after = Read-WithJsoncParser -Path $copy
        $after.errors | Should -BeNullOrEmpty
        $after.value['go.toolsEnvVars']['GOPROXY'] | Should -Be 'https://p'
        $after.value['go.toolsEnvVars']['PATH'] | Should -BeLike '/opt/go/bin:*${env:PATH}*'
        $after.comments | Should -Be $before.comments
        $otherKeys = @($before.value.Keys | Where-Object { $_ -ne 'go.toolsEnvVars' })
        @($after.value.Keys | Where-Object { $_ -ne 'go.toolsEnvVars' }) | Should -Be $otherKeys
        foreach ($key in $otherKeys) {
            ($after.value[$key] | ConvertTo-Json -Depth 20 -Compress) | Should -Be ($before.value[$key] | ConvertTo-Json -Depth 20 -Compress)
        }

        Set-VsCodeGoToolsEnv -Path $copy -Remove GOPROXY, PATH -NoBackup
        $removed = Read-WithJsoncParser -Path $copy
        $removed.errors | Should -BeNullOrEmpty
        $removed.value['go.toolsEnvVars'].Keys | Should -Not -Contain 'GOPROXY'
        $removed.comments | Should -Be $before.comments
    }

    It 'writes through a symbolic link, keeps the mode, backs up, and says NoChange the second time' {
        New-Item -ItemType Directory $user, "$home2/dotfiles" | Out-Null
        $real = "$home2/dotfiles/settings.json"
        Set-Content -LiteralPath $real -Value "{`n    // keep me`n    `"editor.tabSize`": 2`n}"
        $original = Get-Content -Raw -LiteralPath $real
        & chmod 640 $real
        New-Item -ItemType SymbolicLink -Path $settings -Target $real | Out-Null

        $first = Set-VsCodeGoToolsEnv -Editor Code -PrependPath '/usr/local/go/bin' -Terminal -PassThru
        $first.Status | Should -Be 'Changed', 'Changed'
        $first[0].Key | Should -Be 'go.toolsEnvVars.PATH'
        $first[0].NewValue | Should -Be '/usr/local/go/bin:${env:PATH}'
        $first[1].Key | Should -Be 'terminal.integrated.env.linux.PATH'
        (Get-Item $settings).LinkType | Should -Be 'SymbolicLink'
        (Get-Item $settings).Target | Should -Be $real
        Get-Content -Raw $real | Should -Match '"PATH": "/usr/local/go/bin:\$\{env:PATH\}"'
        (& stat -c '%a' $real) | Should -Be '640'
        $first[0].BackupPath | Should -Be "$settings.goenvtools.bak"
        Get-Content -Raw $first[0].BackupPath | Should -Be $original

        $hash = Get-Sha $real
        $second = Set-VsCodeGoToolsEnv -Editor Code -PrependPath '/usr/local/go/bin' -Terminal -PassThru
        $second.Status | Should -Be 'NoChange', 'NoChange'
        Get-Sha $real | Should -Be $hash
        @(Get-ChildItem $user -Filter '*.bak') | Should -HaveCount 1
    }

    It '-WhatIf shows the changed lines and writes nothing' {
        New-Item -ItemType Directory $user | Out-Null
        Set-Content -LiteralPath $settings -Value "{`n    `"go.toolsEnvVars`": {`n        `"GOFLAGS`": `"-x`"`n    }`n}"
        $hash = Get-Sha $settings
        $output = Invoke-Child "Set-VsCodeGoToolsEnv -Editor Code -Variable @{ GOPROXY = 'https://p' } -WhatIf"
        $text = $output -join "`n"
        $text | Should -Match 'What if: Set go.toolsEnvVars.GOPROXY'
        $text | Should -Match '\+\s+4:\s+"GOPROXY": "https://p"'
        Get-Sha $settings | Should -Be $hash
        @(Get-ChildItem $user) | Should -HaveCount 1
    }

    It 'refuses a broken file byte for byte, with line, column and VS Code''s reason' {
        New-Item -ItemType Directory $user | Out-Null
        Set-Content -LiteralPath $settings -Value "{`n    `"a`": 1`n    `"b`": 2`n}"
        $hash = Get-Sha $settings
        $err = $null
        try { Set-VsCodeGoToolsEnv -Editor Code -Variable @{ A = 'b' } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'SettingsFileInvalid,GoEnvTools.Commands.SetVsCodeGoToolsEnvCommand'
        $err.Exception.Message | Should -Match 'line 3, column 5: CommaExpected'
        $err.Exception.Message | Should -Match 'Unable to write into user settings'
        $err.TargetObject | Should -Be $settings
        Get-Sha $settings | Should -Be $hash
    }

    It 'refuses a UTF-16 file (Windows PowerShell 5.1''s default) and a duplicate target key' {
        New-Item -ItemType Directory $user | Out-Null
        [IO.File]::WriteAllText($settings, '{ "go.toolsEnvVars": {} }', [Text.Encoding]::Unicode)
        $hash = Get-Sha $settings
        { Set-VsCodeGoToolsEnv -Editor Code -Variable @{ A = 'b' } } | Should -Throw '*NotUtf8*'
        Get-Sha $settings | Should -Be $hash

        Set-Content -LiteralPath $settings -Value '{ "go.toolsEnvVars": {}, "go\u002EtoolsEnvVars": {} }'
        $hash = Get-Sha $settings
        { Set-VsCodeGoToolsEnv -Editor Code -Variable @{ A = 'b' } } | Should -Throw '*DuplicateKey*'
        Get-Sha $settings | Should -Be $hash
    }

    It 'refuses secrets and redacted values unless -IncludeSecret' {
        Set-VsCodeGoToolsEnv -Editor Code -Variable @{ GITHUB_TOKEN = 'abc'; GOFLAGS = '-mod=mod' } -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.FullyQualifiedErrorId | Should -Be 'SettingsSecretRefused,GoEnvTools.Commands.SetVsCodeGoToolsEnvCommand'
        $read = Get-VsCodeGoToolsEnv -Editor Code -Scope User
        @($read.ToolsEnvVars.Keys) | Should -Be @('GOFLAGS')
        Set-VsCodeGoToolsEnv -Editor Code -Variable @{ GOPRIVATE = 'redacted:0123abcd:0123456789abcdef' } -ErrorAction SilentlyContinue -ErrorVariable redacted
        $redacted | Should -HaveCount 1
        Set-VsCodeGoToolsEnv -Editor Code -Variable @{ GITHUB_TOKEN = 'abc' } -IncludeSecret
        (Get-VsCodeGoToolsEnv -Editor Code -Scope User).ToolsEnvVars['GITHUB_TOKEN'] | Should -Be 'abc'
    }

    It 'takes Compare-GoEnvSnapshot rows: Reference is what gopls should have' {
        $shell = [ordered]@{ GOPROXY = 'https://corp'; GOFLAGS = '-mod=mod'; PATH = '/opt/go/bin:/usr/bin'; SHLVL = '2' } | New-GoEnvSnapshot
        $gopls = [ordered]@{ GOPROXY = 'https://proxy.golang.org'; PATH = '/usr/bin'; ONLYGOPLS = 'x'; SHLVL = '1' } | New-GoEnvSnapshot
        $changes = Compare-GoEnvSnapshot -Reference $shell -Difference $gopls | Set-VsCodeGoToolsEnv -Editor Code -PassThru
        ($changes | Sort-Object Key | ForEach-Object { '{0}={1}' -f $_.Key, $_.NewValue }) |
            Should -Be 'go.toolsEnvVars.GOFLAGS=-mod=mod', 'go.toolsEnvVars.GOPROXY=https://corp', 'go.toolsEnvVars.PATH=/opt/go/bin:${env:PATH}'
    }

    It 'needs -ProfileName for -Scope Profile, and writes that profile' {
        { Set-VsCodeGoToolsEnv -Editor Code -Scope Profile -Variable @{ A = 'b' } } | Should -Throw -ErrorId 'SettingsProfileNameMissing,GoEnvTools.Commands.SetVsCodeGoToolsEnvCommand'
        New-Item -ItemType Directory "$user/profiles/x1", "$user/globalStorage" | Out-Null
        Set-Content "$user/globalStorage/storage.json" '{ "userDataProfiles": [ { "location": "x1", "name": "Go" } ] }'
        Set-VsCodeGoToolsEnv -Editor Code -Scope Profile -ProfileName Go -Variable @{ A = 'b' }
        (Get-VsCodeGoToolsEnv -Editor Code -ProfileName Go).ToolsEnvVars['A'] | Should -Be 'b'
    }

    It 'edits the settings object of a *.code-workspace file' {
        $ws = "$home2/w.code-workspace"
        Set-Content $ws "{`n    `"folders`": [ { `"path`": `".`" } ],`n    `"settings`": {}`n}"
        Set-VsCodeGoToolsEnv -Path $ws -AlternateTool @{ gopls = '/home/me/bin/gopls-wrapper' }
        $read = Read-WithJsoncParser -Path $ws
        if ($null -eq $read) { return }
        $read.value['settings']['go.alternateTools']['gopls'] | Should -Be '/home/me/bin/gopls-wrapper'
        $read.value['folders'][0]['path'] | Should -Be '.'
    }

    # The seam stops the writer at the exact point between writing the temporary file and the rename. A real save by
    # another process while the cmdlet waits at its -Confirm prompt is staged in tests/Unit/Commands/SetVsCodeGoToolsEnvCommandTests.cs.
    It 'detects a change made while it writes (the seam VS Code''s save would hit) and writes nothing' {
        New-Item -ItemType Directory $user | Out-Null
        Set-Content -LiteralPath $settings -Value '{}' -NoNewline
        $original = [IO.File]::ReadAllBytes($settings)
        $options = [GoEnvTools.SettingsWriteOptions]::new()
        $options.BeforeCommit = [Action[string]] { param($temp) [IO.File]::WriteAllText($settings, '{ "saved.by": "VS Code" }') }
        $updated = [Text.Encoding]::UTF8.GetBytes('{ "go.toolsEnvVars": {} }')
        { [GoEnvTools.SettingsFileWriter]::Write($settings, $original, $updated, $options) } | Should -Throw '*changed on disk*'
        Get-Content -Raw $settings | Should -Be '{ "saved.by": "VS Code" }'
        @(Get-ChildItem -Force $user) | Should -HaveCount 1
    }
}
