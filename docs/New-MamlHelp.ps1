#Requires -Version 5.1
<#
.SYNOPSIS
    Writes the MAML help of a binary module from its cmdlet metadata and the prose in docs/<Cmdlet-Name>.md.
.DESCRIPTION
    The facts a reader could get wrong by hand come from the built assembly: parameter sets, parameter
    names and types, mandatory, position, pipeline input, aliases, wildcard support, default values and
    output types. They are read by importing the module in a child pwsh (so the build's own session never
    loads, and on Windows never locks, the assembly it just built). The words come from docs/*.md, in the
    format docs/README.md describes.

    The script stops with one message listing every problem when an exported cmdlet has no docs file, no
    synopsis, no description, fewer than two examples (each needs code and remarks) or an undocumented
    parameter, and when a docs file documents a cmdlet, parameter, input or output type that does not exist.

    Output is deterministic (UTF-8 without BOM, LF line ends), so the committed copy can be compared
    byte for byte with a fresh one.
.PARAMETER ModulePath
    The built module's manifest (out/GoEnvTools/GoEnvTools.psd1).
.PARAMETER DocsPath
    The folder of <Cmdlet-Name>.md files. Defaults to the folder of this script.
.PARAMETER OutputPath
    Where to write the help. Defaults to <module folder>/en-US/<RootModule>-Help.xml.
.PARAMETER CommittedPath
    The committed copy (module/en-US/...). It is rewritten when it differs from the fresh help, so a
    developer only has to commit it; under CI=true it is left alone and a warning is written, so the
    Help tests fail on a stale commit instead of the build hiding it.
.PARAMETER MetadataPath
    Internal: the child pwsh writes the cmdlet metadata as JSON to this file.
.EXAMPLE
    dotnet pwsh ./docs/New-MamlHelp.ps1 -ModulePath ./out/GoEnvTools/GoEnvTools.psd1 -CommittedPath ./module/en-US/GoEnvTools.Cmdlets.dll-Help.xml
#>
[CmdletBinding(DefaultParameterSetName = 'Generate')]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(ParameterSetName = 'Generate')]
    [string] $DocsPath = $PSScriptRoot,

    [Parameter(ParameterSetName = 'Generate')]
    [string] $OutputPath,

    [Parameter(ParameterSetName = 'Generate')]
    [string] $CommittedPath,

    [Parameter(ParameterSetName = 'Metadata', Mandatory)]
    [string] $MetadataPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$script:mamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$script:commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:msHelpNs = 'http://msdn.microsoft.com/mshelp'

# Descriptions of the risk-mitigation parameters, used unless a docs file gives its own.
$script:standardDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

# Sorted the same way under every culture, so the file does not depend on the machine that builds it.
function Get-OrdinalSorted($Items) {
    $array = [string[]]@($Items)
    [Array]::Sort($array, [StringComparer]::Ordinal)
    , $array
}

#region Metadata (runs in the child pwsh)

function Get-ShortTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-ShortTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $arguments = @($Type.GetGenericArguments() | ForEach-Object { Get-ShortTypeName $_ }) -join ','
        return ($Type.Name -replace '`\d+$', '') + "[$arguments]"
    }
    $Type.Name
}

function Format-DefaultValue($Value) {
    if ($null -eq $Value) { return 'None' }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return [string]$Value.IsPresent }
    if ($Value -is [string]) { if ($Value.Length -eq 0) { return 'None' } else { return $Value } }
    if ($Value -is [Array]) {
        if ($Value.Length -eq 0) { return 'None' }
        return (@($Value | ForEach-Object { [string]::Format([cultureinfo]::InvariantCulture, '{0}', $_) }) -join ', ')
    }
    [string]::Format([cultureinfo]::InvariantCulture, '{0}', $Value)
}

# The value a member holds on a fresh instance of the cmdlet: what the cmdlet uses when the parameter is not given.
function Get-DefaultValue($Instance, [string] $Name) {
    if ($null -eq $Instance) { return 'None' }
    $flags = [Reflection.BindingFlags]'Public, Instance'
    $property = $Instance.GetType().GetProperty($Name, $flags)
    if ($property -and $property.CanRead) { return Format-DefaultValue $property.GetValue($Instance) }
    $field = $Instance.GetType().GetField($Name, $flags)
    if ($field) { return Format-DefaultValue $field.GetValue($Instance) }
    'None'
}

function Export-CmdletMetadata {
    $module = Import-Module $ModulePath -PassThru -Force
    $skip = @([System.Management.Automation.Cmdlet]::CommonParameters) + 'UseTransaction'
    $commands = foreach ($name in (Get-OrdinalSorted $module.ExportedCmdlets.Keys)) {
        $command = $module.ExportedCmdlets[$name]
        $instance = $null
        try { $instance = [Activator]::CreateInstance($command.ImplementingType) } catch { $instance = $null }

        $parameters = foreach ($parameter in $command.Parameters.Values) {
            if ($skip -contains $parameter.Name) { continue }
            $default = Get-DefaultValue $instance $parameter.Name
            [ordered]@{
                Name      = $parameter.Name
                Type      = $parameter.ParameterType.ToString()
                ShortType = Get-ShortTypeName $parameter.ParameterType
                IsArray   = $parameter.ParameterType.IsArray
                IsSwitch  = $parameter.SwitchParameter
                Aliases   = @($parameter.Aliases)
                Wildcards = [bool]@($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
                # Switches the cmdlet does not declare itself (WhatIf, Confirm) are off unless given.
                Default   = $(if ($parameter.SwitchParameter -and $default -eq 'None') { 'False' } else { $default })
            }
        }

        $sets = foreach ($set in $command.ParameterSets) {
            $members = foreach ($parameter in $set.Parameters) {
                if ($skip -contains $parameter.Name) { continue }
                [ordered]@{
                    Name           = $parameter.Name
                    IsMandatory    = $parameter.IsMandatory
                    Position       = $parameter.Position
                    ByValue        = $parameter.ValueFromPipeline
                    ByPropertyName = $parameter.ValueFromPipelineByPropertyName
                }
            }
            [ordered]@{ Name = $set.Name; IsDefault = $set.IsDefault; Parameters = @($members) }
        }

        [ordered]@{
            Name          = $command.Name
            Verb          = $command.Verb
            Noun          = $command.Noun
            OutputTypes   = @($command.OutputType | ForEach-Object Name)
            Parameters    = @($parameters)
            ParameterSets = @($sets)
        }
    }
    $manifest = Import-PowerShellDataFile -Path $ModulePath
    [ordered]@{ RootModule = $manifest.RootModule; Commands = @($commands) } |
        ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $MetadataPath -Encoding UTF8
}

#endregion

#region Docs files

<#
    Splits a docs file into its title, its '## ' sections and their '### ' subsections, keeping the lines of
    fenced code blocks as they are (a '# comment' in an example is code, not a heading).
#>
function Read-DocsFile([string] $Path) {
    $doc = [ordered]@{ Title = $null; Sections = [ordered]@{}; Problems = [Collections.Generic.List[string]]::new() }
    $section = $null
    $target = $null
    $fence = $null
    $number = 0
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        $number++
        if ($null -ne $fence) {
            if ($line -match '^\s*(`{3,}|~{3,})\s*$' -and $Matches[1].StartsWith($fence)) { $fence = $null }
            if ($null -ne $target) { $target.Add($line) }
            continue
        }
        if ($line -match '^\s*(`{3,}|~{3,})') {
            $fence = $Matches[1]
            if ($null -ne $target) { $target.Add($line) }
            elseif ($line.Trim()) { $doc.Problems.Add("line ${number}: text outside any '## ' section.") }
            continue
        }
        if ($line -match '^#\s+(.+?)\s*$') {
            if ($null -ne $doc.Title) { $doc.Problems.Add("line ${number}: a second '# ' title.") }
            $doc.Title = $Matches[1]
            continue
        }
        if ($line -match '^##\s+(.+?)\s*$') {
            $key = $Matches[1]
            if ($doc.Sections.Contains($key)) { $doc.Problems.Add("line ${number}: section '## $key' appears twice.") }
            $section = [ordered]@{ Lines = [Collections.Generic.List[string]]::new(); Items = [ordered]@{} }
            $doc.Sections[$key] = $section
            $target = $section.Lines
            continue
        }
        if ($line -match '^###\s+(.+?)\s*$') {
            $key = $Matches[1]
            if ($null -eq $section) { $doc.Problems.Add("line ${number}: '### $key' outside any '## ' section."); continue }
            if ($section.Items.Contains($key)) { $doc.Problems.Add("line ${number}: '### $key' appears twice in its section.") }
            $target = [Collections.Generic.List[string]]::new()
            $section.Items[$key] = $target
            continue
        }
        if ($null -ne $target) { $target.Add($line) }
        elseif ($line.Trim()) { $doc.Problems.Add("line ${number}: text outside any '## ' section.") }
    }
    if ($null -ne $fence) { $doc.Problems.Add('a fenced code block is not closed.') }
    $doc
}

<#
    Turns lines into blocks: paragraphs (lines joined by one space, split at blank lines and at list items
    starting with '- ', '* ' or '1. ') and code blocks (fenced, kept verbatim).
#>
function ConvertTo-Block([string[]] $Lines) {
    $blocks = [Collections.Generic.List[object]]::new()
    $text = [Collections.Generic.List[string]]::new()
    $code = $null
    $flush = {
        if ($text.Count -gt 0) {
            $blocks.Add([pscustomobject]@{ Kind = 'Text'; Text = ($text -join ' ') })
            $text.Clear()
        }
    }
    foreach ($line in $Lines) {
        if ($null -ne $code) {
            if ($line -match '^\s*(`{3,}|~{3,})\s*$') {
                $blocks.Add([pscustomobject]@{ Kind = 'Code'; Text = ($code -join "`n") })
                $code = $null
            }
            else { $code.Add($line) }
            continue
        }
        if ($line -match '^\s*(`{3,}|~{3,})') {
            . $flush
            $code = [Collections.Generic.List[string]]::new()
            continue
        }
        if (-not $line.Trim()) { . $flush; continue }
        if ($line -match '^\s*([-*]|\d+\.)\s+') { . $flush }
        $text.Add($line.Trim())
    }
    . $flush
    if ($null -ne $code) { $blocks.Add([pscustomobject]@{ Kind = 'Code'; Text = ($code -join "`n") }) }
    $blocks
}

function Get-Section($Doc, [string] $Name) {
    foreach ($key in $Doc.Sections.Keys) {
        if ($key -eq $Name) { return $Doc.Sections[$key] }
    }
    $null
}

$script:knownSections = 'Synopsis', 'Description', 'Parameters', 'Inputs', 'Outputs', 'Examples', 'Notes', 'Related links'

# The prose of one cmdlet, checked against its metadata. Problems are added to $Problems.
function Get-CmdletProse($Command, [string] $Path, [Collections.Generic.List[string]] $Problems) {
    $name = $Command.Name
    $fileName = Split-Path -Leaf $Path
    $report = { param($message) $Problems.Add("docs/${fileName}: $message") }

    $doc = Read-DocsFile $Path
    foreach ($p in $doc.Problems) { & $report $p }
    if ($doc.Title -ne $name) { & $report "the title must be '# $name' (found '$($doc.Title)')." }
    foreach ($key in $doc.Sections.Keys) {
        if ($script:knownSections -notcontains $key) {
            & $report "unknown section '## $key' (known: $($script:knownSections -join ', '))."
        }
    }

    $prose = [ordered]@{ Synopsis = ''; Description = @(); Parameters = @{}; Defaults = @{}; Inputs = @{}; Outputs = @{}; Examples = @(); Notes = @(); Links = @() }

    $synopsis = Get-Section $doc 'Synopsis'
    if ($synopsis) { $prose.Synopsis = @(ConvertTo-Block $synopsis.Lines | ForEach-Object Text) -join ' ' }
    if (-not $prose.Synopsis) { & $report "no synopsis: add a '## Synopsis' section with one sentence." }

    $description = Get-Section $doc 'Description'
    if ($description) { $prose.Description = @(ConvertTo-Block $description.Lines) }
    if (-not $prose.Description) { & $report "no description: add a '## Description' section." }

    # Parameters: one '### -Name' each; a last line 'Default: ...' replaces the default read from the cmdlet.
    $parameterSection = Get-Section $doc 'Parameters'
    $documented = if ($parameterSection) { $parameterSection.Items } else { [ordered]@{} }
    foreach ($key in $documented.Keys) {
        $parameterName = $key -replace '^-', ''
        if ($key -notmatch '^-\w+$') { & $report "parameter heading '### $key' must be '### -ParameterName'."; continue }
        if (@($Command.Parameters | Where-Object Name -eq $parameterName).Count -eq 0) {
            & $report "documents parameter -$parameterName, which $name does not have."
            continue
        }
        $lines = @($documented[$key])
        $last = @($lines | Where-Object { $_.Trim() }) | Select-Object -Last 1
        if ($last -match '^\s*Default:\s*(.+?)\s*$') {
            $prose.Defaults[$parameterName] = $Matches[1]
            $lines = @($lines | Where-Object { $_ -ne $last })
        }
        $prose.Parameters[$parameterName] = @(ConvertTo-Block $lines)
    }
    foreach ($parameter in $Command.Parameters) {
        $has = $prose.Parameters.ContainsKey($parameter.Name) -and @($prose.Parameters[$parameter.Name]).Count -gt 0
        if (-not $has -and $script:standardDescriptions.ContainsKey($parameter.Name)) {
            $prose.Parameters[$parameter.Name] = @([pscustomobject]@{ Kind = 'Text'; Text = $script:standardDescriptions[$parameter.Name] })
            $has = $true
        }
        if (-not $has) { & $report "parameter -$($parameter.Name) has no description: add '### -$($parameter.Name)' with text under '## Parameters'." }
    }

    # Inputs and outputs: '### <type name>' adds words to a type the metadata names; other names are errors.
    $inputTypes = @(Get-InputType $Command | ForEach-Object Type)
    foreach ($pair in @(@('Inputs', $inputTypes), @('Outputs', @($Command.OutputTypes)))) {
        $section = Get-Section $doc $pair[0]
        if (-not $section) { continue }
        foreach ($key in $section.Items.Keys) {
            if ($pair[1] -notcontains $key) {
                & $report "'### $key' under '## $($pair[0])' is not one of the cmdlet's $($pair[0].ToLowerInvariant()) ($(if ($pair[1]) { $pair[1] -join ', ' } else { 'none' }))."
                continue
            }
            $prose[$pair[0]][$key] = @(ConvertTo-Block $section.Items[$key])
        }
    }

    # Examples: '### Example N: title', a fenced code block, then the remarks.
    $examples = Get-Section $doc 'Examples'
    if ($examples) {
        $prose.Examples = @(foreach ($key in $examples.Items.Keys) {
                $blocks = @(ConvertTo-Block $examples.Items[$key])
                if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Code' -or -not $blocks[0].Text.Trim()) {
                    & $report "example '$key' must start with a fenced code block."
                    continue
                }
                $remarks = @($blocks | Select-Object -Skip 1)
                if ($remarks.Count -eq 0) { & $report "example '$key' has no remarks after its code."; continue }
                [pscustomobject]@{ Title = $key; Code = $blocks[0].Text; Remarks = $remarks }
            })
    }
    if ($prose.Examples.Count -lt 2) {
        & $report "$($prose.Examples.Count) complete example(s): at least two are needed, each '### Example N: title', a code block and remarks."
    }

    $notes = Get-Section $doc 'Notes'
    if ($notes) { $prose.Notes = @(ConvertTo-Block $notes.Lines) }

    # Related links: '- [text](uri)', '- <uri>' or '- text' (another command or an about_ topic).
    $links = Get-Section $doc 'Related links'
    if ($links) {
        $prose.Links = @(foreach ($line in $links.Lines) {
                if (-not $line.Trim()) { continue }
                if ($line -match '^\s*[-*]\s+\[(.+?)\]\((.*?)\)\s*$') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
                elseif ($line -match '^\s*[-*]\s+<(.+?)>\s*$') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[1] } }
                elseif ($line -match '^\s*[-*]\s+(https?://\S+)\s*$') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[1] } }
                elseif ($line -match '^\s*[-*]\s+(.+?)\s*$') { [pscustomobject]@{ Text = $Matches[1]; Uri = '' } }
                else { & $report "related link '$($line.Trim())' must be a list item ('- ...')." }
            })
    }
    $prose
}

#endregion

#region MAML

function Get-PipelineText([bool] $ByValue, [bool] $ByPropertyName) {
    $kinds = @()
    if ($ByValue) { $kinds += 'ByValue' }
    if ($ByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

# Within a set: positional parameters by position, then mandatory named ones, then the rest, as Get-Command shows them.
function Get-OrderedSetParameter($Set) {
    $all = @($Set.Parameters)
    @($all | Where-Object { $_.Position -ge 0 } | Sort-Object Position) +
    @($all | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) +
    @($all | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
}

# One entry per parameter for the PARAMETERS section: a value shared by every set it is in, else the loosest.
function Get-MergedParameter($Command, $Parameter) {
    $inSets = @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $Parameter.Name })
    $positions = @($inSets | ForEach-Object Position | Sort-Object -Unique)
    [pscustomobject]@{
        IsMandatory    = $inSets.Count -gt 0 -and @($inSets | Where-Object { -not $_.IsMandatory }).Count -eq 0
        Position       = if ($positions.Count -eq 1) { $positions[0] } else { -1 }
        ByValue        = @($inSets | Where-Object ByValue).Count -gt 0
        ByPropertyName = @($inSets | Where-Object ByPropertyName).Count -gt 0
    }
}

# The types a cmdlet takes from the pipeline, with the words the metadata alone can say about them.
function Get-InputType($Command) {
    $byType = [ordered]@{}
    foreach ($parameter in $Command.Parameters) {
        $merged = Get-MergedParameter $Command $parameter
        if (-not ($merged.ByValue -or $merged.ByPropertyName)) { continue }
        if (-not $byType.Contains($parameter.Type)) { $byType[$parameter.Type] = [Collections.Generic.List[string]]::new() }
        if ($merged.ByValue) { $byType[$parameter.Type].Add("You can pipe $($parameter.ShortType) values to -$($parameter.Name).") }
        if ($merged.ByPropertyName) {
            $names = @($parameter.Name) + @($parameter.Aliases)
            $byType[$parameter.Type].Add("You can pipe objects with a property named $($names -join ' or ') to -$($parameter.Name).")
        }
    }
    foreach ($key in $byType.Keys) { [pscustomobject]@{ Type = $key; Text = ($byType[$key] -join ' ') } }
}

function Write-Para([Xml.XmlWriter] $Writer, [string] $Text) {
    $Writer.WriteElementString('maml', 'para', $script:mamlNs, $Text)
}

function Write-Blocks([Xml.XmlWriter] $Writer, [string] $Element, $Blocks) {
    $Writer.WriteStartElement('maml', $Element, $script:mamlNs)
    foreach ($block in @($Blocks)) { if ($null -ne $block) { Write-Para $Writer $block.Text } }
    $Writer.WriteEndElement()
}

function Write-Parameter([Xml.XmlWriter] $Writer, $Parameter, $Placement, $Prose, [bool] $InSyntax) {
    $w = $Writer
    $w.WriteStartElement('command', 'parameter', $script:commandNs)
    $w.WriteAttributeString('required', $Placement.IsMandatory.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', $Parameter.IsArray.ToString().ToLowerInvariant())
    $w.WriteAttributeString('globbing', $Parameter.Wildcards.ToString().ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', (Get-PipelineText $Placement.ByValue $Placement.ByPropertyName))
    $w.WriteAttributeString('position', $(if ($Placement.Position -ge 0) { [string]$Placement.Position } else { 'named' }))
    $w.WriteAttributeString('aliases', $(if (@($Parameter.Aliases).Count) { @($Parameter.Aliases) -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $script:mamlNs, $Parameter.Name)
    Write-Blocks $w 'description' $Prose.Parameters[$Parameter.Name]
    # A switch takes no value, so the syntax shows none (as Get-Command does).
    if (-not ($InSyntax -and $Parameter.IsSwitch)) {
        $w.WriteStartElement('command', 'parameterValue', $script:commandNs)
        $w.WriteAttributeString('required', (-not $Parameter.IsSwitch).ToString().ToLowerInvariant())
        $w.WriteAttributeString('variableLength', $Parameter.IsArray.ToString().ToLowerInvariant())
        $w.WriteString($Parameter.ShortType)
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $script:devNs)
    $w.WriteElementString('maml', 'name', $script:mamlNs, $Parameter.Type)
    $w.WriteElementString('maml', 'uri', $script:mamlNs, '')
    $w.WriteEndElement()
    $default = if ($Prose.Defaults.ContainsKey($Parameter.Name)) { $Prose.Defaults[$Parameter.Name] } else { $Parameter.Default }
    $w.WriteElementString('dev', 'defaultValue', $script:devNs, $default)
    $w.WriteEndElement()
}

function Write-TypeList([Xml.XmlWriter] $Writer, [string] $ListElement, [string] $ItemElement, $Types) {
    $w = $Writer
    $w.WriteStartElement('command', $ListElement, $script:commandNs)
    foreach ($type in $Types) {
        $w.WriteStartElement('command', $ItemElement, $script:commandNs)
        $w.WriteStartElement('dev', 'type', $script:devNs)
        $w.WriteElementString('maml', 'name', $script:mamlNs, $type.Name)
        $w.WriteEndElement()
        Write-Blocks $w 'description' $type.Blocks
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
}

function Write-Command([Xml.XmlWriter] $Writer, $Command, $Prose) {
    $w = $Writer
    $w.WriteStartElement('command', 'command', $script:commandNs)
    $w.WriteAttributeString('xmlns', 'maml', $null, $script:mamlNs)
    $w.WriteAttributeString('xmlns', 'command', $null, $script:commandNs)
    $w.WriteAttributeString('xmlns', 'dev', $null, $script:devNs)
    $w.WriteAttributeString('xmlns', 'MSHelp', $null, $script:msHelpNs)

    $w.WriteStartElement('command', 'details', $script:commandNs)
    $w.WriteElementString('command', 'name', $script:commandNs, $Command.Name)
    $w.WriteElementString('command', 'verb', $script:commandNs, $Command.Verb)
    $w.WriteElementString('command', 'noun', $script:commandNs, $Command.Noun)
    Write-Blocks $w 'description' @([pscustomobject]@{ Text = $Prose.Synopsis })
    $w.WriteEndElement()

    Write-Blocks $w 'description' $Prose.Description

    $byName = @{}
    foreach ($parameter in $Command.Parameters) { $byName[$parameter.Name] = $parameter }

    $w.WriteStartElement('command', 'syntax', $script:commandNs)
    foreach ($set in $Command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $script:commandNs)
        $w.WriteElementString('maml', 'name', $script:mamlNs, $Command.Name)
        foreach ($member in Get-OrderedSetParameter $set) {
            Write-Parameter $w $byName[$member.Name] $member $Prose $true
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $script:commandNs)
    foreach ($name in (Get-OrdinalSorted $byName.Keys)) {
        $parameter = $byName[$name]
        Write-Parameter $w $parameter (Get-MergedParameter $Command $parameter) $Prose $false
    }
    $w.WriteEndElement()

    $inputs = @(Get-InputType $Command | ForEach-Object {
            $blocks = @([pscustomobject]@{ Text = $_.Text })
            if ($Prose.Inputs.ContainsKey($_.Type)) { $blocks += @($Prose.Inputs[$_.Type]) }
            [pscustomobject]@{ Name = $_.Type; Blocks = $blocks }
        })
    if (-not $inputs) { $inputs = @([pscustomobject]@{ Name = 'None'; Blocks = @([pscustomobject]@{ Text = 'You cannot pipe objects to this cmdlet.' }) }) }
    Write-TypeList $w 'inputTypes' 'inputType' $inputs

    $outputs = @(foreach ($type in @($Command.OutputTypes)) {
            $blocks = @(if ($Prose.Outputs.ContainsKey($type)) { $Prose.Outputs[$type] })
            [pscustomobject]@{ Name = $type; Blocks = $blocks }
        })
    if (-not $outputs) { $outputs = @([pscustomobject]@{ Name = 'None'; Blocks = @() }) }
    Write-TypeList $w 'returnValues' 'returnValue' $outputs

    $w.WriteStartElement('maml', 'alertSet', $script:mamlNs)
    $w.WriteStartElement('maml', 'alert', $script:mamlNs)
    foreach ($block in @($Prose.Notes)) { Write-Para $w $block.Text }
    $w.WriteEndElement()
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $script:commandNs)
    foreach ($example in $Prose.Examples) {
        $w.WriteStartElement('command', 'example', $script:commandNs)
        $w.WriteElementString('maml', 'title', $script:mamlNs, "--------- $($example.Title) ---------")
        $w.WriteElementString('dev', 'code', $script:devNs, $example.Code)
        $w.WriteStartElement('dev', 'remarks', $script:devNs)
        foreach ($block in $example.Remarks) { Write-Para $w $block.Text }
        # An empty last paragraph puts a blank line between one example's remarks and the next title.
        Write-Para $w ''
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $script:commandNs)
    foreach ($link in $Prose.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $script:mamlNs)
        $w.WriteElementString('maml', 'linkText', $script:mamlNs, $link.Text)
        $w.WriteElementString('maml', 'uri', $script:mamlNs, $link.Uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}

function ConvertTo-MamlBytes($Metadata, $ProseByName) {
    $settings = [Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.NewLineHandling = [Xml.NewLineHandling]::Replace
    $settings.Encoding = [Text.UTF8Encoding]::new($false)
    $stream = [IO.MemoryStream]::new()
    $writer = [Xml.XmlWriter]::Create($stream, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $Metadata.Commands) { Write-Command $writer $command $ProseByName[$command.Name] }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
    $stream.WriteByte(10)
    $stream.ToArray()
}

#endregion

function Get-PwshCommand {
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    @($exe)
}

function Test-SameBytes([string] $Path, [byte[]] $Bytes) {
    if (-not (Test-Path -LiteralPath $Path)) { return $false }
    $old = [IO.File]::ReadAllBytes($Path)
    $old.Length -eq $Bytes.Length -and [Convert]::ToBase64String($old) -ceq [Convert]::ToBase64String($Bytes)
}

function Write-IfChanged([string] $Path, [byte[]] $Bytes) {
    if (Test-SameBytes $Path $Bytes) { return $false }
    $folder = Split-Path -Parent $Path
    if ($folder -and -not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder | Out-Null }
    [IO.File]::WriteAllBytes($Path, $Bytes)
    $true
}

if ($PSCmdlet.ParameterSetName -eq 'Metadata') {
    Export-CmdletMetadata
    return
}

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath

# Read the metadata in a child pwsh.
$metadataFile = Join-Path ([IO.Path]::GetTempPath()) ('maml-metadata-' + [guid]::NewGuid().ToString('N') + '.json')
try {
    $pwsh = @(Get-PwshCommand)
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $PSCommandPath -ModulePath $ModulePath -MetadataPath $metadataFile
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $metadataFile)) {
        throw "Reading the cmdlet metadata of $ModulePath in a child pwsh failed (exit code $LASTEXITCODE)."
    }
    $metadata = Get-Content -Raw -LiteralPath $metadataFile | ConvertFrom-Json
}
finally {
    Remove-Item -LiteralPath $metadataFile -ErrorAction Ignore
}

$problems = [Collections.Generic.List[string]]::new()
$proseByName = @{}
foreach ($command in $metadata.Commands) {
    $path = Join-Path $DocsPath "$($command.Name).md"
    if (-not (Test-Path -LiteralPath $path)) {
        $problems.Add("docs/$($command.Name).md is missing: every exported cmdlet needs one.")
        continue
    }
    $proseByName[$command.Name] = Get-CmdletProse $command $path $problems
}
$names = @($metadata.Commands | ForEach-Object Name)
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File) {
    if ($file.Name -eq 'README.md') { continue }
    if ($names -notcontains $file.BaseName) {
        $problems.Add("docs/$($file.Name) documents no exported cmdlet: rename it to the cmdlet's name or remove it.")
    }
}
if ($problems.Count -gt 0) {
    # One problem a line first: an error view may fold the lines of the exception message into one.
    Write-Host "The help cannot be generated. Fix these in docs/ (the format is in docs/README.md):" -ForegroundColor Red
    foreach ($problem in $problems) { Write-Host "  $problem" -ForegroundColor Red }
    throw ("The help of $(Split-Path -Leaf $ModulePath) cannot be generated: $($problems.Count) problem(s) in docs/ " +
        "(the format is in docs/README.md):`n  " + ($problems -join "`n  "))
}

$bytes = ConvertTo-MamlBytes $metadata $proseByName
$helpName = "$(Split-Path -Leaf $metadata.RootModule)-Help.xml"
if (-not $OutputPath) { $OutputPath = Join-Path (Split-Path -Parent $ModulePath) "en-US/$helpName" }
Write-IfChanged $OutputPath $bytes | Out-Null
Write-Host "Help: $OutputPath ($($metadata.Commands.Count) cmdlets)"

if ($CommittedPath) {
    if (Test-SameBytes $CommittedPath $bytes) { return }
    if ($env:CI -eq 'true') {
        Write-Warning "$CommittedPath is not what docs/ and the cmdlets produce now: regenerate it with a local build and commit it."
    }
    else {
        Write-IfChanged $CommittedPath $bytes | Out-Null
        Write-Host "Updated $CommittedPath from docs/ and the cmdlet metadata: commit it with your change."
    }
}
