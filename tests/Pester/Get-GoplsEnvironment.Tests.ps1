BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    $script:goRoot = '/usr/lib/go-1.19'
    $script:goBinary = '/usr/lib/go-1.19/bin/go'

    function ConvertTo-ShellLiteral([string] $Value) { "'" + $Value.Replace("'", "'\''") + "'" }

    <#
        Stages an editor the way VS Code's processes look: a main process and an extension host that are
        copies of one binary (bash here) at the editor's install path, and a real gopls started by the
        extension host with exactly the environment given.
    #>
    function Start-FakeEditor {
        param(
            [Parameter(Mandatory)] [string] $BinaryPath,
            [Parameter(Mandatory)] [string[]] $ExtensionHostArguments,
            [Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $GoplsEnvironment,
            [Parameter(Mandatory)] [string] $WorkingDirectory
        )
        New-Item -ItemType Directory -Force -Path (Split-Path $BinaryPath), $WorkingDirectory | Out-Null
        Copy-Item /bin/bash $BinaryPath
        $scripts = Join-Path $TestDrive ('scripts-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $scripts | Out-Null

        $assignments = foreach ($k in $GoplsEnvironment.Keys) { ConvertTo-ShellLiteral "$k=$($GoplsEnvironment[$k])" }
        Set-Content -Path "$scripts/exthost.sh" -Value @(
            "cd $(ConvertTo-ShellLiteral $WorkingDirectory) || exit 1"
            "/usr/bin/env -i $($assignments -join ' ') /usr/bin/gopls serve -listen=127.0.0.1:0"
            'exit $?'
        )
        $extArgs = ($ExtensionHostArguments | ForEach-Object { ConvertTo-ShellLiteral $_ }) -join ' '
        Set-Content -Path "$scripts/main.sh" -Value @(
            "$(ConvertTo-ShellLiteral $BinaryPath) $(ConvertTo-ShellLiteral "$scripts/exthost.sh") $extArgs"
            'exit $?'
        )

        $group = Start-ProcessGroup -FilePath $BinaryPath -ArgumentList "$scripts/main.sh"
        $ids = Wait-Until -Because 'gopls to start under the fake editor' {
            $ext = Get-ChildProcessId -ParentId $group.Id | Select-Object -First 1
            if ($ext) {
                $gopls = Get-ChildProcessId -ParentId $ext | Where-Object { (Get-Content "/proc/$_/comm" -ErrorAction Ignore) -eq 'gopls' }
                if ($gopls) { @{ ExtensionHost = $ext; Gopls = [int]$gopls } }
            }
        }
        [pscustomobject]@{ Group = $group; MainId = $group.Id; ExtensionHostId = [int]$ids.ExtensionHost; GoplsId = $ids.Gopls }
    }

    function New-GoplsEnvironment([string] $Path) {
        $env_ = [ordered]@{}
        $env_['HOME'] = Join-Path $TestDrive 'home'
        $env_['PATH'] = $Path
        $env_['GOPATH'] = Join-Path $TestDrive 'gopath with space'
        $env_['GOPROXY'] = 'https://proxy.example.test,direct'
        $env_['GOFLAGS'] = '-mod=mod'
        $env_['GOPRIVATE'] = 'example.test/*'
        $env_['GOTOOLCHAIN'] = 'local'
        $env_['GOENVTOOLS_MARKER'] = 'marker-' + [guid]::NewGuid()
        $env_['ODD_VALUE'] = "quote' and `$dollar and ü"
        $env_
    }
}

Describe 'Get-GoplsEnvironment with a real gopls under a local editor' -Tag 'Integration' -ForEach @(
    @{ Binary = 'usr/share/code/code'; Editor = 'Code' }
    @{ Binary = 'usr/share/code-insiders/code-insiders'; Editor = 'Insiders' }
    @{ Binary = 'usr/share/codium/codium'; Editor = 'VSCodium' }
    @{ Binary = 'opt/cursor/cursor'; Editor = 'Cursor' }
) {
    BeforeAll {
        $script:ready = (Test-Path /usr/bin/gopls) -and (Test-Path $goBinary)
        if ($ready) {
            $script:expected = New-GoplsEnvironment -Path "$goRoot/bin:/usr/bin:/bin"
            $script:workDir = Join-Path $TestDrive "work $Editor"
            $script:tree = Start-FakeEditor -BinaryPath (Join-Path $TestDrive $Binary) `
                -ExtensionHostArguments '--type=utility', '--utility-sub-type=node.mojom.NodeService' `
                -GoplsEnvironment $expected -WorkingDirectory $workDir
            $script:result = Get-GoplsEnvironment -Id $tree.GoplsId
        }
    }
    AfterAll {
        if ($ready) { Stop-ProcessGroup $tree.Group }
    }

    It 'reports exactly the environment gopls was started with (<Editor>)' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        if (-not (Test-Component -Path $goBinary -Package golang-1.19-go)) { return }
        $result.PSObject.TypeNames[0] | Should -Be 'GoEnvTools.GoplsEnvironment'
        $result.EnvironmentStatus | Should -Be 'Ok'
        @($result.Environment.Keys) | Should -Be @($expected.Keys)
        foreach ($k in $expected.Keys) { $result.Environment[$k] | Should -BeExactly $expected[$k] }
        $result.GOPATH | Should -Be $expected.GOPATH
        $result.GOPROXY | Should -Be $expected.GOPROXY
        $result.GOFLAGS | Should -Be $expected.GOFLAGS
        $result.GOPRIVATE | Should -Be $expected.GOPRIVATE
        $result.GOTOOLCHAIN | Should -Be 'local'
        $result.GOROOT | Should -BeNullOrEmpty
        $result.PathEntries | Should -Be @("$goRoot/bin", '/usr/bin', '/bin')
        $result.WorkingDirectory | Should -Be $workDir
    }

    It 'finds the go that gopls''s own PATH resolves to (<Editor>)' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.GoBinary | Should -Be $goBinary
    }

    It 'names the editor, its extension host and the ancestors up to the editor (<Editor>)' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.Editor | Should -Be $Editor
        $result.IsRemote | Should -BeFalse
        $result.ExtensionHostProcessId | Should -Be $tree.ExtensionHostId
        @($result.Ancestors.ProcessId) | Should -Be @($tree.ExtensionHostId, $tree.MainId)
        $result.Ancestors[0].CommandLine | Should -Contain '--type=utility'
    }

    It 'lists it among the current user''s gopls processes (<Editor>)' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $all = @(Get-GoplsEnvironment -WarningAction SilentlyContinue)
        @($all | Where-Object { $_.Environment -and $_.Environment['GOENVTOOLS_MARKER'] -eq $expected.GOENVTOOLS_MARKER }).ProcessId |
            Should -Be $tree.GoplsId
    }
}

Describe 'Get-GoplsEnvironment with a real gopls under a remote server' -Tag 'Integration' -ForEach @(
    @{ Folder = '.vscode-server'; Editor = 'Code' }
    @{ Folder = '.vscode-server-insiders'; Editor = 'Insiders' }
    @{ Folder = '.vscodium-server'; Editor = 'VSCodium' }
    @{ Folder = '.cursor-server'; Editor = 'Cursor' }
) {
    BeforeAll {
        $script:ready = (Test-Path /usr/bin/gopls)
        if ($ready) {
            $node = Join-Path $TestDrive "home/$Folder/cli/servers/Stable-0123456789abcdef/server/node"
            # A folder of its own: a go may be installed in /usr/bin.
            $script:expected = New-GoplsEnvironment -Path (Join-Path $TestDrive "no-go-$Folder")
            $script:tree = Start-FakeEditor -BinaryPath $node -ExtensionHostArguments '--type=extensionHost', '--transformURIs' `
                -GoplsEnvironment $expected -WorkingDirectory (Join-Path $TestDrive 'remote work')
            $script:result = Get-GoplsEnvironment -Id $tree.GoplsId
        }
    }
    AfterAll {
        if ($ready) { Stop-ProcessGroup $tree.Group }
    }

    It 'marks it remote and names the editor of <Folder>' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.Editor | Should -Be $Editor
        $result.IsRemote | Should -BeTrue
        $result.ExtensionHostProcessId | Should -Be $tree.ExtensionHostId
        $result.Environment['GOENVTOOLS_MARKER'] | Should -Be $expected.GOENVTOOLS_MARKER
    }

    It 'reports that no go is on gopls''s PATH (<Folder>)' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $result.GoBinary | Should -BeNullOrEmpty
        ($result | Format-Table | Out-String -Width 120) | Should -Match '\(none on PATH\)'
    }
}

Describe 'Get-GoplsEnvironment views and input' -Tag 'Integration' {
    BeforeAll {
        $script:ready = (Test-Path /usr/bin/gopls)
        if ($ready) {
            $script:tree = Start-FakeEditor -BinaryPath (Join-Path $TestDrive 'views/code') `
                -ExtensionHostArguments '--type=utility' -GoplsEnvironment (New-GoplsEnvironment -Path "$goRoot/bin:/usr/bin") `
                -WorkingDirectory (Join-Path $TestDrive ('a very long working directory name ' * 4).TrimEnd())
        }
    }
    AfterAll {
        if ($ready) { Stop-ProcessGroup $tree.Group }
    }

    It 'has a default table that fits 120 columns' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $lines = (Get-GoplsEnvironment -Id $tree.GoplsId | Format-Table | Out-String -Width 400) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match 'Id\s+Editor\s+Remote\s+Environment\s+GoBinary\s+GOPATH\s+WorkingDirectory'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 120 }
        $lines[2] | Should -Match "^\s*$($tree.GoplsId)\s+Code\s+False\s+Ok\s+/usr/lib/go-1\.19/bin/go"
    }

    It 'has a list view that shows the chain of ancestors and the PATH entries' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $text = Get-GoplsEnvironment -Id $tree.GoplsId | Format-List | Out-String -Width 200
        $text | Should -Match "Ancestors\s+:\s+code \($($tree.ExtensionHostId)\) <- code \($($tree.MainId)\)"
        $text | Should -Match 'PathEntries\s+:\s+/usr/lib/go-1.19/bin'
    }

    It 'completes -Id with the user''s gopls processes, naming the editor in the tooltip' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        $line = "Get-GoplsEnvironment -Id $($tree.GoplsId.ToString().Substring(0, 1))"
        $matches_ = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $ours = @($matches_ | Where-Object CompletionText -eq "$($tree.GoplsId)")
        $ours.Count | Should -Be 1
        $ours[0].ListItemText | Should -Be "$($tree.GoplsId) (Code)"
        $ours[0].ToolTip | Should -BeLike "gopls $($tree.GoplsId): Visual Studio Code, in *a very long working directory name*"
    }

    It 'takes Get-Process objects and ProcessId properties from the pipeline' {
        if (-not (Test-Component -Path /usr/bin/gopls -Package gopls)) { return }
        (Get-Process -Id $tree.GoplsId | Get-GoplsEnvironment).ProcessId | Should -Be $tree.GoplsId
        ([pscustomobject]@{ ProcessId = $tree.GoplsId } | Get-GoplsEnvironment).ProcessId | Should -Be $tree.GoplsId
    }

    It 'writes a non-terminating ObjectNotFound error for an id that does not exist' {
        Get-GoplsEnvironment -Id 2147483000 -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProcessNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 2147483000
    }
}
