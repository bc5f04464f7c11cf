# Shared helpers for the Pester tests. Imported by each test file in BeforeAll.

function Get-TestModulePath {
    if (-not $env:GOENVTOOLS_MODULE) { throw 'GOENVTOOLS_MODULE is not set: run the tests through build.ps1 -Task Test.' }
    $env:GOENVTOOLS_MODULE
}

<#
    True when the real component is there. Otherwise, under CI=true, throws (a missing component is a
    failure there); elsewhere marks the current test skipped, saying what to install, and returns false.
#>
function Test-Component {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Package
    )
    if (Test-Path -LiteralPath $Path) { return $true }
    $message = "$Path is missing: install the Debian package '$Package' (apt-get install $Package)."
    if ($env:CI -eq 'true') { throw $message }
    Set-ItResult -Skipped -Because $message
    return $false
}

# Polls until the script block returns something truthy; fails with the message after the timeout.
function Wait-Until {
    param(
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [int] $TimeoutSeconds = 20,
        [string] $Because = 'the condition'
    )
    $watch = [Diagnostics.Stopwatch]::StartNew()
    while ($watch.Elapsed.TotalSeconds -lt $TimeoutSeconds) {
        $value = & $Condition
        if ($value) { return $value }
        Start-Sleep -Milliseconds 50
    }
    throw "Timed out after $TimeoutSeconds s waiting for $Because."
}

# The children of a process, read from /proc (independent of the module under test).
function Get-ChildProcessId {
    param([Parameter(Mandatory)] [int] $ParentId)
    foreach ($dir in Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$') {
        $stat = Get-Content -Raw -LiteralPath "$($dir.FullName)/stat" -ErrorAction Ignore
        if (-not $stat) { continue }
        $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
        if ([int]$fields[1] -eq $ParentId) { [int]$dir.Name }
    }
}

# Starts a program in a session (and process group) of its own, so the whole tree can be ended at once.
function Start-ProcessGroup {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )
    $info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/setsid')
    $info.ArgumentList.Add($FilePath)
    foreach ($a in $ArgumentList) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardInput = $true
    [Diagnostics.Process]::Start($info)
}

function Stop-ProcessGroup {
    param([Parameter(Mandatory)] [Diagnostics.Process] $Process)
    & /bin/kill -KILL -- "-$($Process.Id)" 2>$null
    $Process.WaitForExit(5000) | Out-Null
}

<#
    Copies pwsh and the module under /tmp (an unprivileged user cannot read root's NuGet folder) and returns
    what Invoke-AsNobody needs. Remove the returned Root when done.
#>
function New-NobodySandbox {
    $root = Join-Path ([IO.Path]::GetTempPath()) ('goenvtools-nobody-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path "$root/home" -Force | Out-Null
    Copy-Item -Recurse $PSHOME "$root/pwsh"
    Copy-Item -Recurse (Split-Path (Get-TestModulePath)) "$root/module"
    & chmod -R a+rX $root
    & chown 65534:65534 "$root/home"
    [pscustomobject]@{ Root = $root; Module = "$root/module/GoEnvTools.psd1" }
}

# Runs a command in pwsh as user nobody (65534) with a clean environment; returns its output lines.
function Invoke-AsNobody {
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Command
    )
    $dotnet = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    & /usr/bin/env -i "HOME=$($Sandbox.Root)/home" 'PATH=/usr/bin:/bin' "DOTNET_CLI_HOME=$($Sandbox.Root)/home" 'DOTNET_NOLOGO=1' `
        /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups $dotnet "$($Sandbox.Root)/pwsh/pwsh.dll" -NoProfile -NonInteractive -Command $Command
}

# Starts /bin/sleep 300 with exactly the given environment, so every value read back can be checked.
function Start-Sleeper {
    param([System.Collections.IDictionary] $Environment = @{})
    $info = [Diagnostics.ProcessStartInfo]::new('/bin/sleep', '300')
    $info.UseShellExecute = $false
    $info.Environment.Clear()
    foreach ($k in $Environment.Keys) { $info.Environment[$k] = $Environment[$k] }
    [Diagnostics.Process]::Start($info)
}

# Runs the command in a background job that imports the module under test, and returns what came back
# (Deserialized.* objects).
function Receive-FromJob {
    param([Parameter(Mandatory)] [string] $Command, [object[]] $ArgumentList = @())
    $job = Start-Job -ScriptBlock {
        param($module, $command, $arguments)
        Import-Module $module
        & ([scriptblock]::Create($command)) @arguments
    } -ArgumentList (Get-TestModulePath), $Command, $ArgumentList
    $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
}

# Renders with a wide console and returns the non-empty lines, so a view's own width shows.
function Get-Rendered {
    param([Parameter(Mandatory)] $InputObject, [ValidateSet('Table', 'List')] [string] $As)
    $text = if ($As -eq 'Table') { $InputObject | Format-Table | Out-String -Width 300 } else { $InputObject | Format-List | Out-String -Width 300 }
    @($text -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ })
}

Export-ModuleMember -Function Get-TestModulePath, Test-Component, Wait-Until, Get-ChildProcessId, Start-ProcessGroup, Stop-ProcessGroup, New-NobodySandbox, Invoke-AsNobody, Start-Sleeper, Receive-FromJob, Get-Rendered

<#
    Points HOME and XDG_CONFIG_HOME of this process at a fresh folder under $TestDrive (the module reads them at
    each call), and returns it. Restore-TestHome puts the real ones back.
#>
function Use-TestHome {
    param([Parameter(Mandatory)] [string] $Root)
    $script:savedHome = @{ HOME = $env:HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; VSCODE_PORTABLE = $env:VSCODE_PORTABLE; APPDATA = $env:APPDATA }
    $home2 = Join-Path $Root ('home-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $home2 | Out-Null
    $env:HOME = $home2
    $env:XDG_CONFIG_HOME = $null
    $env:VSCODE_PORTABLE = $null
    $home2
}

function Restore-TestHome {
    foreach ($name in $script:savedHome.Keys) {
        Set-Item -Path "env:$name" -Value $script:savedHome[$name]
    }
}

<#
    Reads a settings file with Microsoft's jsonc-parser (tests/Unit/Oracle), as VS Code does: returns
    @{ errors = @(...); value = <parsed>; comments = @(...) }. Marks the test skipped (fails under CI=true) without node.
#>
function Read-WithJsoncParser {
    param([Parameter(Mandatory)] [string] $Path)
    $oracle = Join-Path $PSScriptRoot '../Unit/Oracle'
    if (-not (Get-Command node -ErrorAction Ignore)) {
        if ($env:CI -eq 'true') { throw 'node is missing: install the Debian package nodejs.' }
        Set-ItResult -Skipped -Because 'node is missing: install the Debian package nodejs (and npm).'
        return $null
    }
    if (-not (Test-Path (Join-Path $oracle 'node_modules/jsonc-parser/package.json'))) {
        Push-Location $oracle
        try { & npm ci --no-audit --no-fund 2>&1 | Out-Null } finally { Pop-Location }
    }
    $script = @'
const fs = require('fs'); const jsonc = require('jsonc-parser');
let text = fs.readFileSync(process.argv[1]).toString('utf8'); if (text.charCodeAt(0) === 0xFEFF) text = text.slice(1);
const errors = []; const value = jsonc.parse(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
const scanner = jsonc.createScanner(text, false); const comments = [];
for (let k = scanner.scan(); k !== jsonc.SyntaxKind.EOF; k = scanner.scan()) {
  if (k === jsonc.SyntaxKind.LineCommentTrivia || k === jsonc.SyntaxKind.BlockCommentTrivia) comments.push(text.substr(scanner.getTokenOffset(), scanner.getTokenLength()));
}
process.stdout.write(JSON.stringify({ errors: errors.map(e => jsonc.printParseErrorCode(e.error)), value, comments }));
'@
    $env:NODE_PATH = Join-Path $oracle 'node_modules'
    $json = & node -e $script $Path
    if ($LASTEXITCODE -ne 0) { throw "node failed on $Path" }
    $json | ConvertFrom-Json -AsHashtable
}

Export-ModuleMember -Function Use-TestHome, Restore-TestHome, Read-WithJsoncParser

# Runs a command in a fresh pwsh (the one running the tests, started the same way) and returns its output;
# throws when it exits non-zero.
function Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string] $Command)
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    $output = & $exe @prefix -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "pwsh exited with $LASTEXITCODE running: $Command`n$($output -join "`n")" }
    $output
}

Export-ModuleMember -Function Invoke-FreshPwsh
