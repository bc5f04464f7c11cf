@{
    RootModule           = 'GoEnvTools.Cmdlets.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0d6f3e-8a47-4c2e-9d1b-2f64c3a7e915'
    Author               = 'GoEnvTools contributors'
    CompanyName          = 'GoEnvTools'
    Copyright            = '(c) GoEnvTools contributors. MIT License.'
    Description          = 'Shows why VS Code''s Go extension and gopls do not see the environment your shell profile sets, and fixes it.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('GoEnvTools.Format.ps1xml')
    TypesToProcess       = @('GoEnvTools.Types.ps1xml')
    CmdletsToExport      = @(
        'Get-ProcessEnvironment'
        'Get-GoplsEnvironment'
        'New-GoEnvSnapshot'
        'Export-GoEnvSnapshot'
        'Import-GoEnvSnapshot'
        'Compare-GoEnvSnapshot'
        'Get-ShellEnvironment'
        'Get-GoEnv'
        'Get-VsCodeSettingsFile'
        'Get-VsCodeGoToolsEnv'
        'Set-VsCodeGoToolsEnv'
        'Get-GuiEnvironment'
        'Set-GuiEnvironmentVariable'
        'Remove-GuiEnvironmentVariable'
        'Set-GoEnvConfig'
        'Remove-GoEnvConfig'
        'Test-GoEnvironment'
        'Repair-GoEnvironment'
        'Install-GoWrapper'
        'Uninstall-GoWrapper'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Go', 'gopls', 'VSCode', 'environment', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
