BeforeDiscovery {
    # The ids come from the module itself (FindingIds.All), so a new finding without an entry fails here.
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $findingIds = @([GoEnvTools.FindingIds]::All)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ids = @([GoEnvTools.FindingIds]::All)
    $text = Get-Help -Name about_GoEnvTools_Findings | Out-String
    # Entries start with "    GOENVnnn  Title" and run to the next one.
    $script:entries = [ordered]@{}
    $matches_ = [regex]::Matches($text, '(?m)^ {4}(GOENV\d{3})  (.+)$')
    for ($i = 0; $i -lt $matches_.Count; $i++) {
        $end = if ($i + 1 -lt $matches_.Count) { $matches_[$i + 1].Index } else { $text.Length }
        $id = $matches_[$i].Groups[1].Value
        if ($entries.Contains($id)) { throw "$id has two entries in about_GoEnvTools_Findings." }
        $entries[$id] = $text.Substring($matches_[$i].Index, $end - $matches_[$i].Index)
    }
}

Describe 'about_GoEnvTools_Findings against the finding ids of the module' {
    It 'knows the ids the module reports' {
        $ids.Count | Should -BeGreaterThan 0
        foreach ($id in $ids) { $id | Should -Match '^GOENV\d{3}$' }
    }

    It 'has one entry per id, and none for an id the module does not have' {
        @($entries.Keys) | Should -Be @($ids | Sort-Object)
    }

    It 'gives <_> a severity, its cause, how it is detected and the fix' -ForEach $findingIds {
        $entry = $entries[$_]
        $entry | Should -Not -BeNullOrEmpty -Because "$_ needs an entry"
        $entry | Should -Match '(?m)^ {8}Severity   (Error|Warning|Info)\b'
        foreach ($label in 'Cause', 'Detection', 'Fix') {
            # The label, then at least a few words of text on its line.
            $entry | Should -Match "(?m)^ {8}$label\s{2,}\S+(\s+\S+){2,}" -Because "$_ needs a $label"
        }
    }
}
