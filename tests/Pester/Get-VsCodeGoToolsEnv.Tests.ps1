BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:fixtures = Join-Path $PSScriptRoot '../Unit/Fixtures/vscode-settings'
}

Describe 'Get-VsCodeGoToolsEnv' {
    BeforeEach { $script:home2 = Use-TestHome -Root $TestDrive }
    AfterEach { Restore-TestHome }

    It 'reads the Go settings of a real settings file: <_>' -ForEach @(
        'golang__vscode-go__dotvscode_settings.json', 'direnv__direnv-vscode__dotvscode_settings.json') {
        $settings = Get-VsCodeGoToolsEnv -Path (Join-Path $fixtures $_)
        $settings.SettingsFile.Scope | Should -Be 'Workspace'
        $settings.Problems | Where-Object Message -match 'Unable to write' | Should -BeNullOrEmpty
        $oracle = Read-WithJsoncParser -Path (Join-Path $fixtures $_)
        if ($null -eq $oracle) { return }
        $expected = $oracle.value['go.toolsEnvVars']
        if ($expected) {
            @($settings.ToolsEnvVars.Keys) | Should -Be @($expected.Keys)
        } else {
            $settings.ToolsEnvVars | Should -BeNullOrEmpty
        }
    }

    It 'takes settings files from the pipeline, and reports problems with line and column' {
        $user = "$home2/.config/Code/User"
        New-Item -ItemType Directory $user | Out-Null
        Set-Content "$user/settings.json" @'
{
    // comment
    "go.toolsEnvVars": { "GOPROXY": "a", "GOPROXY": "b", "CGO_ENABLED": 0 },
    "go.goroot": "/usr/local/Cellar/go/1.21.5/libexec",
    "terminal.integrated.env.linux": { "PATH": "/x:${env:PATH}" }
}
'@
        $settings = Get-VsCodeSettingsFile -Scope User | Get-VsCodeGoToolsEnv
        $settings.ToolsEnvVars['GOPROXY'] | Should -Be 'b'
        $settings.TerminalEnv['PATH'] | Should -Be '/x:${env:PATH}'
        $problems = $settings.Problems | ForEach-Object { "$_" }
        $problems | Should -Contain "$user/settings.json:3:73: go.toolsEnvVars.CGO_ENABLED: is a number, not a string"
        ($problems -join "`n") | Should -Match ':4:18: go.goroot: .* names one Go version'
    }

    It 'reports a broken file with VS Code''s message' {
        Set-Content "$home2/broken.json" "{`n  `"a`": 1`n  `"b`": 2`n}"
        $problem = (Get-VsCodeGoToolsEnv -Path "$home2/broken.json").Problems | Select-Object -First 1
        $problem.Line | Should -Be 3
        $problem.Column | Should -Be 3
        $problem.Message | Should -Match 'CommaExpected.*Unable to write into workspace settings'
    }

    It 'survives Start-Job serialization' {
        Set-Content "$home2/s.json" '{ "go.toolsEnvVars": { "GOFLAGS": "-mod=mod" }, "go.goroot": 1 }'
        $module = Get-TestModulePath
        $back = Start-Job { param($m, $p) Import-Module $m; Get-VsCodeGoToolsEnv -Path $p } -ArgumentList $module, "$home2/s.json" | Receive-Job -Wait -AutoRemoveJob
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.GoEnvTools.VsCodeGoSettings'
        $back.ToolsEnvVars['GOFLAGS'] | Should -Be '-mod=mod'
        $back.SettingsFile.Scope | Should -Be 'Workspace'
        "$($back.Problems[0])" | Should -Match 'go.goroot: is a number'
        ($back | Format-List | Out-String) | Should -Match 'GOFLAGS=-mod=mod'
    }
}
