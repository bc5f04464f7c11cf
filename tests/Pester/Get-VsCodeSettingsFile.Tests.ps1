BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Get-VsCodeSettingsFile' {
    BeforeEach { $script:home2 = Use-TestHome -Root $TestDrive }
    AfterEach { Restore-TestHome }

    It 'finds nothing in an empty home' {
        @(Get-VsCodeSettingsFile) | Should -HaveCount 0
    }

    It 'finds the user settings of each installed editor, under XDG_CONFIG_HOME when it is set' {
        New-Item -ItemType Directory "$home2/.config/Code/User", "$home2/.config/VSCodium" | Out-Null
        Set-Content "$home2/.config/Code/User/settings.json" '{}'
        $files = @(Get-VsCodeSettingsFile -Scope User)
        $files.Editor | Should -Be 'Code', 'VSCodium'
        $files[0].Path | Should -Be "$home2/.config/Code/User/settings.json"
        $files[0].Exists | Should -BeTrue
        $files[1].Exists | Should -BeFalse

        $env:XDG_CONFIG_HOME = "$home2/xdg"
        New-Item -ItemType Directory "$home2/xdg/Cursor" | Out-Null
        (Get-VsCodeSettingsFile -Scope User).Path | Should -Be "$home2/xdg/Cursor/User/settings.json"
    }

    It 'uses VSCODE_PORTABLE' {
        $env:VSCODE_PORTABLE = "$home2/portable"
        (Get-VsCodeSettingsFile -Scope User).Path | Should -Be "$home2/portable/user-data/User/settings.json"
    }

    It 'names profiles from storage.json and tells symbolic links' {
        $user = "$home2/.config/Code/User"
        New-Item -ItemType Directory "$user/profiles/-5a8e1f", "$user/globalStorage", "$home2/dotfiles" | Out-Null
        Set-Content "$user/globalStorage/storage.json" '{ "userDataProfiles": [ { "location": "-5a8e1f", "name": "Go" } ] }'
        Set-Content "$home2/dotfiles/go.json" '{}'
        New-Item -ItemType SymbolicLink -Path "$user/profiles/-5a8e1f/settings.json" -Target "$home2/dotfiles/go.json" | Out-Null

        $profile = Get-VsCodeSettingsFile -Scope Profile -ProfileName go
        $profile.ProfileName | Should -Be 'Go'
        $profile.ProfileId | Should -Be '-5a8e1f'
        $profile.IsSymbolicLink | Should -BeTrue
        $profile.Exists | Should -BeTrue
    }

    It 'lists remote server settings where a server folder exists' {
        New-Item -ItemType Directory "$home2/.vscode-server", "$home2/.cursor-server" | Out-Null
        $files = @(Get-VsCodeSettingsFile -Scope Remote)
        $files.Editor | Should -Be 'Code', 'Cursor'
        $files[0].Path | Should -Be "$home2/.vscode-server/data/Machine/settings.json"
    }

    It 'takes a folder, a workspace file or a .json as a Workspace file' {
        New-Item -ItemType Directory "$home2/proj" | Out-Null
        (Get-VsCodeSettingsFile -Path "$home2/proj").Path | Should -Be "$home2/proj/.vscode/settings.json"
        $ws = Get-VsCodeSettingsFile -Path "$home2/x.code-workspace"
        $ws.Scope | Should -Be 'Workspace'
        $ws.Path | Should -Be "$home2/x.code-workspace"
        (Get-Item -Path $TestDrive | Get-VsCodeSettingsFile).Path | Should -Be (Join-Path $TestDrive '.vscode/settings.json')
    }

    It 'asks for -Path with -Scope Workspace' {
        { Get-VsCodeSettingsFile -Scope Workspace } | Should -Throw -ErrorId 'SettingsWorkspacePathMissing,GoEnvTools.Commands.GetVsCodeSettingsFileCommand'
    }

    It 'formats as a table within 120 columns' {
        New-Item -ItemType Directory "$home2/.config/Code/User" | Out-Null
        $lines = Get-VsCodeSettingsFile | Format-Table | Out-String -Width 120 -Stream
        $lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'Editor\s+Scope'
    }
}
