BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifestPath = Get-TestModulePath
    $script:manifest = Test-ModuleManifest -Path $manifestPath
    $script:data = Import-PowerShellDataFile -Path $manifestPath
}

Describe 'The module manifest' {
    It 'loads in Windows PowerShell 5.1 and pwsh' {
        $data.PowerShellVersion | Should -Be '5.1'
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'exports its cmdlets explicitly, and exactly those the assembly defines' {
        $data.CmdletsToExport | Should -Not -Contain '*'
        $module = Import-Module $manifestPath -PassThru -Force
        try {
            $defined = [System.Reflection.Assembly]::LoadFrom((Join-Path $module.ModuleBase 'GoEnvTools.Cmdlets.dll')).GetTypes() |
                ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { '{0}-{1}' -f $_.VerbName, $_.NounName }
            @($data.CmdletsToExport | Sort-Object) | Should -Be @($defined | Sort-Object)
            @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
        }
        finally {
            Remove-Module GoEnvTools -Force
        }
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($name in $data.CmdletsToExport) {
            $approved | Should -Contain ($name -split '-')[0]
        }
    }

    It 'ships every file it names' {
        foreach ($file in @($data.RootModule) + $data.FormatsToProcess + $data.TypesToProcess) {
            Join-Path (Split-Path $manifestPath) $file | Should -Exist
        }
    }
}
