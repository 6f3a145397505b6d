@echo off
rem detect.cmd - device join check for an RMM tool that runs a batch file
rem and keeps its output and exit code (a monitor, a script check).
rem
rem Prints one line (BROKEN hybrid-joined device-auth-failed | DESKTOP-01)
rem and exits 0 (nothing wrong, or only warnings), 1 (an error finding:
rem alert) or 2 (the device could not be judged).  Set DSREGDIAG to where
rem dsregdiag.exe is, if not in the default folder.
setlocal
if not defined DSREGDIAG set "DSREGDIAG=%ProgramFiles%\dsregdiag\dsregdiag.exe"
if not exist "%DSREGDIAG%" (
  echo ERROR ^| dsregdiag.exe not found: "%DSREGDIAG%"
  exit /b 2
)
"%DSREGDIAG%" --live --format line 2>nul
exit /b %ERRORLEVEL%
