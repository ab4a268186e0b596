# Build the PropDesk Windows installer on a Windows PC or runner: one command.
#
#     powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs Python 3.11+ (the `py` launcher or `python` on PATH) and NSIS 3 (makensis; `winget install
# NSIS.NSIS` or `choco install nsis`). Creates .venv, installs PropDesk and PyInstaller into it,
# runs packaging\build.py (translations, PyInstaller bundle in dist\propdesk\, frozen smoke test)
# and compiles packaging\windows\propdesk.nsi into dist\PropDesk-<version>-Setup.exe.
param(
    [string]$Python = "",
    [switch]$SkipSmoke
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

function Step($msg) { Write-Host "[build.ps1] $msg" }
function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed (exit $LASTEXITCODE)" } }

# 1. The virtual environment with PropDesk (+ test extras: the smoke run decodes the slip's
#    barcode with them) and PyInstaller.
$VenvPy = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $VenvPy)) {
    if (-not $Python) {
        if (Get-Command py -ErrorAction SilentlyContinue) { $Python = "py -3" } else { $Python = "python" }
    }
    Step "creating .venv with $Python"
    Invoke-Expression "$Python -m venv .venv"; Check "venv"
}
Step "installing PropDesk and PyInstaller into .venv"
& $VenvPy -m pip install -q --upgrade pip; Check "pip upgrade"
& $VenvPy -m pip install -q -e ".[test]" pyinstaller; Check "pip install"

# 2. The one-folder bundle and its smoke run (dist\propdesk\).
$BuildArgs = @("packaging\build.py")
if ($SkipSmoke) { $BuildArgs += "--no-smoke" }
Step "python packaging\build.py"
& $VenvPy @BuildArgs; Check "packaging\build.py"

# 3. The installer.
$Version = (& $VenvPy -c "import app; print(app.__version__)").Trim(); Check "version"
$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) {
    foreach ($dir in @("${env:ProgramFiles(x86)}\NSIS", "$env:ProgramFiles\NSIS")) {
        if (Test-Path "$dir\makensis.exe") { $Makensis = "$dir\makensis.exe" }
    }
}
if (-not $Makensis) { throw "makensis not found: install NSIS 3 (winget install NSIS.NSIS)" }
$Out = Join-Path $Root "dist\PropDesk-$Version-Setup.exe"
Step "makensis -> $Out"
& $Makensis /WX /V2 "/DSOURCE_DIR=$Root\dist\propdesk" "/DVERSION=$Version" "/DOUTFILE=$Out" `
    "$Root\packaging\windows\propdesk.nsi"; Check "makensis"
Step ("done: {0} ({1:N1} MB)" -f $Out, ((Get-Item $Out).Length / 1MB))
