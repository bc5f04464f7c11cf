BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    # Values a naive writer changes or loses.
    $script:awkward = [ordered]@{
        NEWLINES    = "line1`nline2`r`nline3`n"
        QUOTES      = 'say "hi" and ''bye'''
        CONTROL     = "bell`a tab`t esc$([char]27) nul-free"
        NON_ASCII   = 'é日本語 😀'
        YES         = 'yes'
        NULL_WORD   = 'null'
        OCTALISH    = '012'
        EMPTY       = ''
        SPACES      = '  padded  '
        COLON       = 'a: b'
        PATH        = '/usr/local/go/bin:/usr/bin:/bin'
    }
    $script:secrets = [ordered]@{
        GITHUB_TOKEN   = 'not-a-real-token-1'
        DB_PASSWORD    = 'hunter2'
        HARMLESS_URL   = 'https://x:' + 'ghp_' + ('a' * 36) + '@github.com/o/r'
    }

    function New-TestSnapshot {
        param([System.Collections.IDictionary] $Extra = @{})
        $all = [ordered]@{}
        foreach ($k in $awkward.Keys) { $all[$k] = $awkward[$k] }
        foreach ($k in $Extra.Keys) { $all[$k] = $Extra[$k] }
        $all | New-GoEnvSnapshot
    }
}

Describe 'Export-GoEnvSnapshot and Import-GoEnvSnapshot' {
    BeforeEach {
        $script:savedXdg = $env:XDG_CONFIG_HOME
        $env:XDG_CONFIG_HOME = Join-Path $TestDrive ('config-' + [guid]::NewGuid().ToString('N'))
    }
    AfterEach {
        $env:XDG_CONFIG_HOME = $savedXdg
    }

    It 'round-trips awkward values exactly through <_>' -ForEach 'yaml', 'yml', 'json' {
        $snapshot = New-TestSnapshot
        $path = Join-Path $TestDrive "roundtrip.$_"
        $snapshot | Export-GoEnvSnapshot -Path $path
        $back = Import-GoEnvSnapshot -Path $path

        $back.PSObject.TypeNames[0] | Should -Be 'GoEnvTools.GoEnvSnapshot'
        @($back.Variables.Keys) | Should -Be @($awkward.Keys)
        foreach ($name in $awkward.Keys) {
            $back.Variables[$name] | Should -BeExactly $awkward[$name] -Because "$name must come back as written"
        }
        $back.Source | Should -Be $snapshot.Source
        $back.CapturedAt | Should -Be $snapshot.CapturedAt
        $back.Platform | Should -Be 'Linux'
        $back.EnvironmentStatus | Should -Be 'Ok'
    }

    It 'writes JSON that ConvertFrom-Json reads, and YAML with the schema line first' {
        $snapshot = New-TestSnapshot
        $snapshot | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'a.json')
        $json = Get-Content -Raw (Join-Path $TestDrive 'a.json') | ConvertFrom-Json -AsHashtable
        $json['schema'] | Should -Be 'goenvtools/snapshot/v1'
        $json['variables']['NEWLINES'] | Should -BeExactly $awkward.NEWLINES
        $json['end'] | Should -Be 'goenvtools/snapshot/v1'

        $snapshot | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'a.yaml')
        (Get-Content (Join-Path $TestDrive 'a.yaml'))[0] | Should -Be 'schema: goenvtools/snapshot/v1'
    }

    It 'redacts secrets with a key made on first use, mode 0600, in $XDG_CONFIG_HOME/goenvtools' {
        $path = Join-Path $TestDrive 'redacted.yaml'
        New-TestSnapshot $secrets | Export-GoEnvSnapshot -Path $path
        $text = Get-Content -Raw $path
        foreach ($value in $secrets.Values) { $text | Should -Not -Match ([regex]::Escape($value)) }
        $back = Import-GoEnvSnapshot $path
        foreach ($name in $secrets.Keys) { $back.Variables[$name] | Should -Match '^redacted:[0-9a-f]{8}:[0-9a-f]{16}$' }
        $back.Variables['PATH'] | Should -Be $awkward.PATH

        $key = Join-Path $env:XDG_CONFIG_HOME 'goenvtools/redaction.key'
        $key | Should -Exist
        (Get-Item $key).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'makes no key when there is nothing to redact' {
        New-TestSnapshot | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'plain.yaml')
        Join-Path $env:XDG_CONFIG_HOME 'goenvtools/redaction.key' | Should -Not -Exist
    }

    It 'redacts equal secrets alike in two exports, so they compare Equal, and a changed one as Changed' {
        New-TestSnapshot $secrets | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'one.yaml')
        $changed = [ordered]@{}; foreach ($k in $secrets.Keys) { $changed[$k] = $secrets[$k] }
        $changed['DB_PASSWORD'] = 'hunter3'
        New-TestSnapshot $changed | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'two.json')

        $rows = Compare-GoEnvSnapshot (Import-GoEnvSnapshot (Join-Path $TestDrive 'one.yaml')) (Import-GoEnvSnapshot (Join-Path $TestDrive 'two.json')) -IncludeEqual
        ($rows | Where-Object Name -eq 'GITHUB_TOKEN').ChangeKind | Should -Be 'Equal'
        ($rows | Where-Object Name -eq 'HARMLESS_URL').ChangeKind | Should -Be 'Equal'
        $db = $rows | Where-Object Name -eq 'DB_PASSWORD'
        $db.ChangeKind | Should -Be 'Changed'
        $db.SideIndicator | Should -Be '<>'
    }

    It 'compares secrets redacted under another key as Unknown' {
        New-TestSnapshot $secrets | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'mine.yaml')
        $env:XDG_CONFIG_HOME = Join-Path $TestDrive ('other-user-' + [guid]::NewGuid().ToString('N'))
        New-TestSnapshot $secrets | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'theirs.yaml')

        $rows = @(Compare-GoEnvSnapshot (Import-GoEnvSnapshot (Join-Path $TestDrive 'mine.yaml')) (Import-GoEnvSnapshot (Join-Path $TestDrive 'theirs.yaml')))
        $rows.Count | Should -Be 3
        $rows | ForEach-Object { $_.ChangeKind | Should -Be 'Unknown'; $_.SideIndicator | Should -Be '??' }
    }

    It 'writes secrets in clear with -IncludeSecret, to a file only the owner reads' {
        $path = Join-Path $TestDrive 'clear.yaml'
        New-TestSnapshot $secrets | Export-GoEnvSnapshot -Path $path -IncludeSecret
        $back = Import-GoEnvSnapshot $path
        foreach ($name in $secrets.Keys) { $back.Variables[$name] | Should -BeExactly $secrets[$name] }
        (Get-Item $path).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'emits the snapshot as written with -PassThru, and nothing without it' {
        $path = Join-Path $TestDrive 'passthru.yaml'
        New-TestSnapshot $secrets | Export-GoEnvSnapshot -Path $path | Should -BeNullOrEmpty
        $written = New-TestSnapshot $secrets | Export-GoEnvSnapshot -Path $path -PassThru
        $written.Variables['DB_PASSWORD'] | Should -Match '^redacted:'
        $written.Variables['DB_PASSWORD'] | Should -Be (Import-GoEnvSnapshot $path).Variables['DB_PASSWORD']
    }

    It 'replaces a file, but not with -NoClobber, and leaves no temporary file' {
        $folder = Join-Path $TestDrive ('clobber-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $folder | Out-Null
        $path = Join-Path $folder 'env.yaml'
        Set-Content $path 'old'
        New-TestSnapshot | Export-GoEnvSnapshot -Path $path -NoClobber -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotFileExists,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content -Raw $path | Should -Be "old`n"

        New-TestSnapshot | Export-GoEnvSnapshot -Path $path
        (Import-GoEnvSnapshot $path).Variables['YES'] | Should -Be 'yes'
        @(Get-ChildItem -Force $folder).Name | Should -Be @('env.yaml')
    }

    It 'changes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.yaml'
        New-TestSnapshot | Export-GoEnvSnapshot -Path $path -WhatIf
        $path | Should -Not -Exist
    }

    It 'stops with SnapshotFileExtensionUnknown for a name that is neither YAML nor JSON' {
        { New-TestSnapshot | Export-GoEnvSnapshot -Path (Join-Path $TestDrive 'env.txt') -ErrorAction Stop } |
            Should -Throw -ErrorId 'SnapshotFileExtensionUnknown,GoEnvTools.Commands.ExportGoEnvSnapshotCommand'
    }

    It 'writes one snapshot per file and refuses a second one' {
        $path = Join-Path $TestDrive 'one-only.yaml'
        @{ A = '1' }, @{ A = '2' } | Export-GoEnvSnapshot -Path $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotAlreadyExported,*'
        (Import-GoEnvSnapshot $path).Variables['A'] | Should -Be '1'
    }
}

Describe 'Import-GoEnvSnapshot' {
    BeforeAll {
        $script:folder = Join-Path $TestDrive 'import'
        New-Item -ItemType Directory $folder | Out-Null
        @{ A = '1' } | Export-GoEnvSnapshot -Path (Join-Path $folder 'first.yaml')
        @{ B = '2' } | Export-GoEnvSnapshot -Path (Join-Path $folder 'second.json')
        @{ C = '3' } | Export-GoEnvSnapshot -Path (Join-Path $folder 'odd[1].yaml')
    }

    It 'takes wildcards' {
        $all = @(Import-GoEnvSnapshot -Path (Join-Path $folder '*.*') -ErrorAction SilentlyContinue)
        $found = @($all | ForEach-Object { $_.Variables.Keys }) | Sort-Object
        $found | Should -Contain 'A'
        $found | Should -Contain 'B'
    }

    It 'takes -LiteralPath, and Get-ChildItem output from the pipeline' {
        (Import-GoEnvSnapshot -LiteralPath (Join-Path $folder 'odd[1].yaml')).Variables['C'] | Should -Be '3'
        $piped = @(Get-ChildItem $folder -Filter '*.json' | Import-GoEnvSnapshot)
        $piped.Count | Should -Be 1
        $piped[0].Variables['B'] | Should -Be '2'
    }

    It 'writes SnapshotFileNotFound for a missing file' {
        Import-GoEnvSnapshot -Path (Join-Path $folder 'missing.yaml') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotFileNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    Context 'a bad file: <Case>' -ForEach @(
        @{ Case = 'a YAML file of something else'; Text = "# settings`nname: app`nversion: 2`n"; Line = 2; Message = '*not a GoEnvTools snapshot*' }
        @{ Case = 'a JSON array'; Text = "[`n  1,`n  2`n]`n"; Line = 1; Message = '*' }
        @{ Case = 'broken YAML'; Text = "schema: goenvtools/snapshot/v1`nvariables: [unclosed`n"; Line = 3; Message = '*not readable as YAML or JSON*' }
        @{ Case = 'a later schema'; Text = "schema: goenvtools/snapshot/v9`n"; Line = 1; Message = '*Update the module*' }
        @{ Case = 'a snapshot cut short'; Cut = $true; Line = 0; Message = '*cut short*' }
    ) {
        It 'writes SnapshotFileInvalid (InvalidData) with the file and the line, and goes on to the next file' {
            $path = Join-Path $TestDrive ('bad-' + [guid]::NewGuid().ToString('N') + '.yaml')
            $good = Join-Path $TestDrive 'good.yaml'
            @{ OK = 'yes' } | Export-GoEnvSnapshot -Path $good
            if ($Cut) {
                $many = [ordered]@{}; foreach ($i in 1..40) { $many["NAME$i"] = "value $i" }
                $many | Export-GoEnvSnapshot -Path $path
                $lines = Get-Content $path
                $lines[0..30] | Set-Content $path
                $Line = 31
            } else {
                Set-Content -Path $path -Value $Text -NoNewline
            }

            $result = @(Import-GoEnvSnapshot -LiteralPath $path, $good -ErrorVariable errs -ErrorAction SilentlyContinue)

            $result.Count | Should -Be 1
            $result[0].Variables['OK'] | Should -Be 'yes'
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'SnapshotFileInvalid,GoEnvTools.Commands.ImportGoEnvSnapshotCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $errs[0].TargetObject | Should -Be $path
            $errs[0].Exception.Line | Should -Be $Line
            $errs[0].Exception.Message | Should -BeLike "$($path):$($Line): *"
            $errs[0].Exception.Message | Should -BeLike $Message
        }
    }
}
