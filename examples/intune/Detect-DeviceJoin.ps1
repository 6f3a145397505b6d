# Detect-DeviceJoin.ps1 - detection script for Intune Remediations.
#
# Prints one line, what the Intune portal shows in its output column:
#   BROKEN hybrid-joined device-auth-failed,prt-missing | DESKTOP-01
# and exits with dsregdiag's status: 0 when nothing is wrong (or only
# warnings), 1 on an error finding (Intune then runs the remediation
# script), 2 when the device could not be judged (no dsregdiag.exe,
# dsregcmd failed).  Deploy dsregdiag.exe to $Exe first (a Win32 app).
param([string]$Exe = (Join-Path $env:ProgramFiles 'dsregdiag\dsregdiag.exe'))

if (-not (Test-Path -LiteralPath $Exe -PathType Leaf)) {
    Write-Output "ERROR | dsregdiag.exe not found: $Exe"
    exit 2
}
# --live: dsregdiag runs dsregcmd /status itself and reads its output
# unchanged (a PowerShell pipe would re-encode it).  Its message for a
# failure is on the line too, so stderr is left out.
$line = (& $Exe --live --format line 2>$null) -join ' '
$status = $LASTEXITCODE
Write-Output $line
exit $status
