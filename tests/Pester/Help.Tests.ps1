<#
    The help users read: generated MAML for every exported cmdlet (docs/New-MamlHelp.ps1, run by the build),
    checked against the cmdlets as Get-Command sees them, and the about topics.
#>
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifestData = Import-PowerShellDataFile -Path (Get-TestModulePath)
    $module = Import-Module (Get-TestModulePath) -Force -PassThru
    $skip = @([System.Management.Automation.Cmdlet]::CommonParameters) + 'UseTransaction'
    $script:cmdlets = foreach ($name in $manifestData.CmdletsToExport) {
        $command = Get-Command -Name $name -Module $module.Name
        @{
            Name       = $name
            Parameters = @($command.Parameters.Values | Where-Object { $skip -notcontains $_.Name } | ForEach-Object Name)
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifestPath = Get-TestModulePath
    $script:module = Import-Module $manifestPath -Force -PassThru
    $script:repoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:generator = Join-Path $repoRoot 'docs/New-MamlHelp.ps1'
    $script:helpName = 'GoEnvTools.Cmdlets.dll-Help.xml'
    $script:skip = @([System.Management.Automation.Cmdlet]::CommonParameters) + 'UseTransaction'

    function Get-PipelineText([bool] $ByValue, [bool] $ByPropertyName) {
        $kinds = @()
        if ($ByValue) { $kinds += 'ByValue' }
        if ($ByPropertyName) { $kinds += 'ByPropertyName' }
        if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
    }

    # One line per parameter set, from Get-Command: what the syntax must say about each parameter.
    function Get-CommandSyntaxSignature($Command) {
        foreach ($set in $Command.ParameterSets) {
            $lines = foreach ($p in $set.Parameters) {
                if ($skip -contains $p.Name) { continue }
                '{0}|required={1}|position={2}|pipeline={3}|type={4}' -f $p.Name, $p.IsMandatory.ToString().ToLowerInvariant(),
                $(if ($p.Position -ge 0) { $p.Position } else { 'named' }),
                (Get-PipelineText $p.ValueFromPipeline $p.ValueFromPipelineByPropertyName), $p.ParameterType.ToString()
            }
            (@($lines) | Sort-Object) -join '; '
        }
    }

    # The same, from the syntax section of the help.
    function Get-HelpSyntaxSignature($Help) {
        foreach ($item in @($Help.syntax.syntaxItem)) {
            $lines = foreach ($p in @($item.parameter)) {
                if ($null -eq $p) { continue }
                '{0}|required={1}|position={2}|pipeline={3}|type={4}' -f $p.name, $p.required, $p.position, $p.pipelineInput, $p.type.name
            }
            (@($lines) | Sort-Object) -join '; '
        }
    }

    function Get-Text($Paragraphs) {
        (@($Paragraphs | ForEach-Object { $_.Text }) -join ' ').Trim()
    }

    # The synopsis as written in docs/<Name>.md (the help must carry exactly that).
    function Get-DocsSynopsis([string] $Name) {
        $text = Get-Content -Raw -LiteralPath (Join-Path $repoRoot "docs/$Name.md")
        if ($text -match '(?ms)^## Synopsis\s*\r?\n(.*?)(?=^## |\z)') { ($Matches[1] -replace '\s+', ' ').Trim() }
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:command = Get-Command -Name $Name -Module GoEnvTools
        $script:help = Get-Help -Name $Name -Full
    }

    It 'comes from the module''s MAML file' {
        Split-Path -Leaf $command.HelpFile | Should -Be $helpName
        Join-Path $module.ModuleBase "en-US/$helpName" | Should -Exist
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has the synopsis of docs/<Name>.md' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help makes the syntax the synopsis.
        $help.Synopsis | Should -Not -BeLike "$Name *"
        $help.Synopsis | Should -Be (Get-DocsSynopsis $Name)
    }

    It 'has a description' {
        Get-Text $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            Get-Text $example.remarks | Should -Not -BeNullOrEmpty -Because "$($example.title) needs remarks"
        }
    }

    It 'has example code that is valid PowerShell' {
        foreach ($example in @($help.examples.example)) {
            $errors = $null
            [System.Management.Automation.Language.Parser]::ParseInput($example.code, [ref]$null, [ref]$errors) | Out-Null
            @($errors | ForEach-Object Message) | Should -BeNullOrEmpty -Because "the code of $($example.title) must parse"
        }
    }

    It 'describes -<_>' -ForEach $Parameters {
        $entry = @($help.parameters.parameter | Where-Object name -eq $_)
        $entry.Count | Should -Be 1 -Because "-$_ needs one entry under PARAMETERS"
        Get-Text $entry[0].description | Should -Not -BeNullOrEmpty -Because "-$_ needs a description"
    }

    It 'has a syntax that agrees with Get-Command: sets, names, mandatory, position, pipeline input, types' {
        $fromHelp = @(Get-HelpSyntaxSignature $help | Sort-Object)
        $fromCommand = @(Get-CommandSyntaxSignature $command | Sort-Object)
        $fromHelp.Count | Should -Be $fromCommand.Count -Because 'there is one syntax item per parameter set'
        $fromHelp | Should -Be $fromCommand
    }

    It 'lists exactly the cmdlet''s parameters, with their types, aliases and wildcard support' {
        $expected = @($Parameters | Sort-Object)
        @($help.parameters.parameter | ForEach-Object name | Sort-Object) | Should -Be $expected
        foreach ($entry in @($help.parameters.parameter)) {
            $metadata = $command.Parameters[$entry.name]
            $entry.type.name | Should -Be $metadata.ParameterType.ToString()
            $aliases = if ($metadata.Aliases.Count) { $metadata.Aliases -join ', ' } else { 'none' }
            $entry.aliases | Should -Be $aliases -Because "the aliases of -$($entry.name)"
            $wildcards = [bool]@($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
            $entry.globbing | Should -Be $wildcards.ToString().ToLowerInvariant() -Because "wildcard support of -$($entry.name)"
            $inSets = @($metadata.ParameterSets.Values)
            $pipeline = Get-PipelineText ([bool]@($inSets | Where-Object ValueFromPipeline).Count) ([bool]@($inSets | Where-Object ValueFromPipelineByPropertyName).Count)
            $entry.pipelineInput | Should -Be $pipeline -Because "pipeline input of -$($entry.name)"
        }
    }

    It 'names the output types of [OutputType]' {
        @($help.returnValues.returnValue | ForEach-Object { $_.type.name }) | Should -Be @($command.OutputType.Name)
    }

    It 'shows in full' {
        $text = Get-Help -Name $Name -Full | Out-String -Width 200
        foreach ($heading in 'NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'RELATED LINKS') {
            $text | Should -Match "(?m)^$heading\s*$" -Because "Get-Help -Full shows $heading"
        }
        $text | Should -Match ([regex]::Escape($help.Synopsis.Substring(0, 30)))
    }

    It 'shows its examples with -Examples' {
        $examples = Get-Help -Name $Name -Examples
        @($examples.examples.example).Count | Should -Be @($help.examples.example).Count
        $examples | Out-String -Width 200 | Should -Match 'Example 2'
    }

    It 'answers Get-Help -Parameter <_>' -ForEach $Parameters {
        $entry = Get-Help -Name $Name -Parameter $_
        $entry.name | Should -Be $_
        Get-Text $entry.description | Should -Not -BeNullOrEmpty
    }
}

Describe 'The MAML help file' {
    BeforeAll {
        $script:shipped = Join-Path $module.ModuleBase "en-US/$helpName"
        $script:committed = Join-Path $repoRoot "module/en-US/$helpName"
        function Read-Normalized([string] $Path) { (Get-Content -Raw -LiteralPath $Path) -replace "`r`n", "`n" }
    }

    It 'is committed exactly as the build generates it' {
        $committed | Should -Exist
        Read-Normalized $committed | Should -BeExactly (Read-Normalized $shipped) -Because (
            "module/en-US/$helpName must be what docs/ and the cmdlets produce: run build.ps1 -Task Build and commit it")
    }

    It 'comes out byte for byte the same when generated again' {
        $again = Join-Path $TestDrive $helpName
        & $generator -ModulePath $manifestPath -OutputPath $again 6>$null
        (Get-FileHash -LiteralPath $again).Hash | Should -Be (Get-FileHash -LiteralPath $shipped).Hash
    }

    It 'is MAML that Get-Help reads: one command per exported cmdlet' {
        $xml = [xml](Get-Content -Raw -LiteralPath $shipped)
        $xml.DocumentElement.LocalName | Should -Be 'helpItems'
        $xml.DocumentElement.NamespaceURI | Should -Be 'http://msh'
        $xml.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
        $ns = [Xml.XmlNamespaceManager]::new($xml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $names = @($xml.SelectNodes('/*/command:command/command:details/command:name', $ns) | ForEach-Object InnerText)
        @($names | Sort-Object) | Should -Be @((Import-PowerShellDataFile $manifestPath).CmdletsToExport | Sort-Object)
    }
}

Describe 'The help generator refuses incomplete docs' -ForEach @(
    @{ Case = 'a cmdlet without a docs file'; Expected = '*docs/Get-ProcessEnvironment.md is missing*'
        Change = { param($path) Remove-Item -LiteralPath $path } }
    @{ Case = 'a docs file without a synopsis'; Expected = '*docs/Get-ProcessEnvironment.md: no synopsis*'
        Change = { param($path) (Get-Content -Raw $path) -replace '(?ms)^## Synopsis\r?\n.*?(?=^## )', '' | Set-Content $path } }
    @{ Case = 'a docs file with one example'; Expected = '*docs/Get-ProcessEnvironment.md: 1 complete example(s): at least two are needed*'
        Change = { param($path) (Get-Content -Raw $path) -replace '(?ms)^### Example [2-9].*?(?=^## )', '' | Set-Content $path } }
    @{ Case = 'an example without remarks'; Expected = "*example 'Example 1: * has no remarks after its code*"
        Change = { param($path) (Get-Content -Raw $path) -replace '(?ms)(^### Example 1:[^\n]*\n```powershell\r?\n.*?```\r?\n).*?(?=^### )', '$1' | Set-Content $path } }
    @{ Case = 'a parameter without a description'; Expected = '*parameter -Id has no description*'
        Change = { param($path) (Get-Content -Raw $path) -replace '(?ms)(^### -Id\r?\n).*?(?=^## )', '$1' | Set-Content $path } }
    @{ Case = 'a parameter the cmdlet does not have'; Expected = '*documents parameter -Bogus, which Get-ProcessEnvironment does not have*'
        Change = { param($path) (Get-Content -Raw $path) -replace '(?m)^## Parameters\r?\n', "## Parameters`n### -Bogus`nNothing.`n`n" | Set-Content $path } }
    @{ Case = 'a docs file of no cmdlet'; Expected = '*docs/Get-Nothing.md documents no exported cmdlet*'
        Change = { param($path) Copy-Item -LiteralPath $path (Join-Path (Split-Path $path) 'Get-Nothing.md') } }
) {
    It 'stops the build on <Case>, naming the file and the fix' {
        $docs = Join-Path $TestDrive ('docs-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $docs | Out-Null
        Copy-Item (Join-Path $repoRoot 'docs/*.md') $docs
        & $Change (Join-Path $docs 'Get-ProcessEnvironment.md')
        $out = Join-Path $docs 'out.xml'
        { & $generator -ModulePath $manifestPath -DocsPath $docs -OutputPath $out 6>$null } |
            Should -Throw -ExpectedMessage $Expected
        $out | Should -Not -Exist
    }
}

Describe 'About topic <Topic>' -ForEach @(
    @{ Topic = 'about_GoEnvTools' }
    @{ Topic = 'about_GoEnvTools_Findings' }
) {
    BeforeAll {
        $script:file = Join-Path $module.ModuleBase "en-US/$Topic.help.txt"
    }

    It 'resolves with Get-Help once the module is imported' {
        $text = Get-Help -Name $Topic | Out-String
        $text | Should -Match "(?m)^TOPIC\s+$Topic\s*$"
    }

    It 'has the sections of an about topic and a one-line short description' {
        $text = Get-Content -Raw -LiteralPath $file
        foreach ($section in 'TOPIC', 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'SEE ALSO') {
            $text | Should -Match "(?m)^$section\s*$"
        }
        $text | Should -Match '(?m)^SHORT DESCRIPTION\r?\n    \S.*\r?\n\r?\n'
        $listed = Get-Help -Name 'about_GoEnvTools*' -Category HelpFile | Where-Object Name -eq $Topic
        $listed.Synopsis | Should -Not -BeNullOrEmpty
    }

    It 'fits an 80-column console' {
        $long = @(Get-Content -LiteralPath $file | Where-Object { $_.Length -gt 80 })
        $long | Should -BeNullOrEmpty -Because 'about topics are printed as they are'
    }
}

Describe 'about_GoEnvTools' {
    It 'names every exported cmdlet' {
        $text = Get-Help -Name about_GoEnvTools | Out-String
        foreach ($name in (Import-PowerShellDataFile $manifestPath).CmdletsToExport) {
            $text | Should -Match "\b$([regex]::Escape($name))\b" -Because 'the topic lists the cmdlets'
        }
    }

    It 'gives the fixes in the preferred order' {
        $text = Get-Help -Name about_GoEnvTools | Out-String
        $start = $text.IndexOf('in this order')
        $start | Should -BeGreaterThan 0 -Because 'the workflow has a step that lists the fixes in order'
        $text = $text.Substring($start)
        $positions = 'go env -w', 'go.toolsEnvVars', 'environment.d', 'go.alternateTools.gopls' | ForEach-Object { $text.IndexOf($_) }
        $positions | Should -Not -Contain -1
        $positions | Should -Be @($positions | Sort-Object)
    }
}

Describe 'about_GoEnvTools_Findings' {
    It 'explains the layout of an entry: id, cause, detection, fix' {
        $text = Get-Help -Name about_GoEnvTools_Findings | Out-String
        foreach ($word in 'GOENVnnn', 'Cause', 'Detection', 'Fix') { $text | Should -Match "\b$word\b" }
    }
}

Describe 'Help under another UI culture' {
    It 'falls back to en-US (a child pwsh with LANG=de_DE.UTF-8)' {
        $dotnet = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($dotnet) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $command = "Import-Module '$manifestPath'; `$PSUICulture; (Get-Help Get-GoplsEnvironment).Synopsis; (Get-Help about_GoEnvTools | Out-String).Contains('TOPIC')"
        $out = & /usr/bin/env LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 $dotnet @prefix -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0
        $out[0] | Should -Be 'de-DE'
        $out[1] | Should -Be (Get-DocsSynopsis 'Get-GoplsEnvironment')
        $out[2] | Should -Be 'True'
    }
}
