BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    # A stand-in real tool, so these tests need no gopls.
    function New-Tool {
        $path = Join-Path $TestDrive ('tool ' + [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $path -Value @('#!/bin/sh', 'exit 0')
        & chmod 755 $path
        $path
    }

    function Get-AlternateTool([string] $Path, [string] $Tool) {
        $read = Read-WithJsoncParser -Path $Path
        if ($null -eq $read) { return 'no oracle' }
        $read.errors | Should -BeNullOrEmpty
        $tools = $read.value['go.alternateTools']
        if ($null -eq $tools -or -not $tools.ContainsKey($Tool)) { return $null }
        $tools[$Tool]
    }
}

Describe 'Uninstall-GoWrapper' {
    BeforeEach {
        $script:home2 = Use-TestHome -Root $TestDrive
        $script:settings = Join-Path $home2 '.config/Code/User/settings.json'
        $script:tool = New-Tool
        $script:savedShell = $env:SHELL
        $env:SHELL = '/bin/sh'
    }
    AfterEach {
        Restore-TestHome
        $env:SHELL = $savedShell
    }

    It 'puts back the value go.alternateTools.gopls had, keeping the rest of the file' {
        New-Item -ItemType Directory -Force -Path (Split-Path $settings) | Out-Null
        Set-Content -LiteralPath $settings -Value @(
            '{'
            '    // mine'
            '    "go.alternateTools": {'
            '        "gopls": "/opt/old gopls",'
            '        "dlv": "/opt/dlv"'
            '    }'
            '}'
        )
        $installed = Install-GoWrapper -TargetPath $tool -SetAlternateTool -Editor Code -PassThru
        $installed.Settings[0].OldValue | Should -Be '/opt/old gopls'
        $installed.Settings[0].NewValue | Should -Be $installed.WrapperPath
        Get-AlternateTool $settings 'gopls' | Should -BeIn @($installed.WrapperPath, 'no oracle')

        $again = Install-GoWrapper -TargetPath $tool -SetAlternateTool -Editor Code -PassThru
        $again.Status | Should -Be 'NoChange'

        $removed = Uninstall-GoWrapper -PassThru
        $removed.Status | Should -Be 'Changed'
        $removed.Action | Should -Be 'Removed'
        $removed.Settings[0].NewValue | Should -Be '/opt/old gopls'
        Test-Path -LiteralPath $installed.WrapperPath | Should -BeFalse
        Get-AlternateTool $settings 'gopls' | Should -BeIn @('/opt/old gopls', 'no oracle')
        Get-AlternateTool $settings 'dlv' | Should -BeIn @('/opt/dlv', 'no oracle')
        Get-Content -Raw -LiteralPath $settings | Should -Match '// mine'

        (Uninstall-GoWrapper -PassThru).Status | Should -Be 'NoChange'
    }

    It 'removes the key it added where there was none' {
        $installed = Install-GoWrapper -TargetPath $tool -SetAlternateTool -Editor Code -PassThru
        Get-AlternateTool $settings 'gopls' | Should -BeIn @($installed.WrapperPath, 'no oracle')
        Uninstall-GoWrapper
        Get-AlternateTool $settings 'gopls' | Should -BeNullOrEmpty
    }

    It 'leaves a setting alone that no longer names the wrapper' {
        $installed = Install-GoWrapper -TargetPath $tool -SetAlternateTool -Editor Code -PassThru
        Set-VsCodeGoToolsEnv -Editor Code -AlternateTool @{ gopls = '/changed/since' } -NoBackup
        $removed = Uninstall-GoWrapper -PassThru
        $removed.Settings[0].Status | Should -Be 'NoChange'
        Get-AlternateTool $settings 'gopls' | Should -BeIn @('/changed/since', 'no oracle')
        Test-Path -LiteralPath $installed.WrapperPath | Should -BeFalse
    }

    It 'changes nothing with -WhatIf' {
        $installed = Install-GoWrapper -TargetPath $tool -SetAlternateTool -Editor Code -PassThru
        $before = Get-FileHash -LiteralPath $settings
        Uninstall-GoWrapper -WhatIf
        Test-Path -LiteralPath $installed.WrapperPath | Should -BeTrue
        (Get-FileHash -LiteralPath $settings).Hash | Should -Be $before.Hash
    }

    It 'takes the tool and the folder from a WrapperChange on the pipeline' {
        $installed = Install-GoWrapper -Tool go -TargetPath $tool -Destination (Join-Path $TestDrive 'elsewhere bin') -PassThru -WarningAction SilentlyContinue
        $installed.Destination | Should -Be (Join-Path $TestDrive 'elsewhere bin')
        $removed = $installed | Uninstall-GoWrapper -PassThru
        $removed.Status | Should -Be 'Changed'
        Test-Path -LiteralPath $installed.WrapperPath | Should -BeFalse
    }

    It 'is shown by the module''s views within 120 columns, live and deserialized' {
        $installed = Install-GoWrapper -TargetPath $tool -PassThru
        $table = Get-Rendered -InputObject $installed -As Table
        $table[0] | Should -Match '^Status\s+Action\s+Tool\s+WrapperPath\s+TargetPath\s+SettingsPath$'
        $table | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $back = Receive-FromJob -Command 'param($p) $p' -ArgumentList $installed
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.WrapperChange'
        $back.WrapperPath | Should -Be $installed.WrapperPath
        (Get-Rendered -InputObject $back -As List) -join "`n" | Should -Match 'TargetPath\s+: .*tool '
    }
}
