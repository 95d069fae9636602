@echo off
rem Uketsuke launcher, installed by the MSI into Program Files\Uketsuke next to app\ (and runtime\ when the MSI
rem bundles a Java runtime). Kept in UTF-8 in git; build-msi.sh writes it as CP932 with CRLF line ends so that
rem cmd.exe on Japanese Windows shows the Japanese lines.
rem   uketsuke.cmd demo [...]                   the demo kiosk (Training feature), started without a console (the
rem                                             training Start-menu shortcut)
rem   uketsuke.cmd kiosk                        the production kiosk on ProgramData\Uketsuke\uketsuke.conf (the
rem                                             Start-menu and autostart shortcuts); a configuration problem stays readable
rem   uketsuke.cmd kiosk-service                the same kiosk as the DEB's service runs it (the autostart shortcut):
rem                                             its log in ProgramData\Uketsuke\logs\kiosk.log, rotated, and
rem                                             started again 10 s after a failure
rem   uketsuke.cmd --version ^| self-check ^| reader list ^| backend ...   in this console, exit code passed on
setlocal EnableExtensions
set "UKETSUKE_HOME=%~dp0"
if "%UKETSUKE_HOME:~-1%"=="\" set "UKETSUKE_HOME=%UKETSUKE_HOME:~0,-1%"

rem Java: the bundled runtime, else JAVA_HOME, else java.exe on PATH (Java 25 or newer).
set "JAVA_BIN="
if exist "%UKETSUKE_HOME%\runtime\bin\java.exe" set "JAVA_BIN=%UKETSUKE_HOME%\runtime\bin"
if not defined JAVA_BIN if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_BIN=%JAVA_HOME%\bin"
if not defined JAVA_BIN for %%J in (java.exe) do if not "%%~$PATH:J"=="" set "JAVA_BIN=%%~dp$PATH:J"
if defined JAVA_BIN if "%JAVA_BIN:~-1%"=="\" set "JAVA_BIN=%JAVA_BIN:~0,-1%"
if not defined JAVA_BIN (
  echo uketsuke: no Java 25 runtime found. Install one ^(for example Eclipse Temurin 25^) or set JAVA_HOME, then start again.
  echo uketsuke: Java 25 が見つかりません。Java 25 ^(Eclipse Temurin 25 など^) をインストールするか JAVA_HOME を設定してから、もう一度起動してください。
  if /i "%~1"=="demo" pause
  if /i "%~1"=="kiosk" pause
  exit /b 1
)

rem Extra JVM options from the configuration (java_options=...), which upgrades keep. They reach the JVM through
rem JDK_JAVA_OPTIONS, which the java launcher splits itself: the value is never expanded on a command line, so no
rem character in it acts as a cmd.exe operator (and the app refuses such a value: app.config.LauncherOptions).
set "JDK_JAVA_OPTIONS="
set "CONFIG=%ProgramData%\Uketsuke\uketsuke.conf"
if exist "%CONFIG%" for /f "usebackq eol=# tokens=1,* delims==" %%A in ("%CONFIG%") do if /i "%%A"=="java_options" set "JDK_JAVA_OPTIONS=%%B"

rem OpenCV's own warnings about a missing camera are not for the receptionist: the kiosk reports it in one typed line
rem (set OPENCV_LOG_LEVEL yourself to see them when debugging a camera).
if not defined OPENCV_LOG_LEVEL set "OPENCV_LOG_LEVEL=SILENT"

set "APP_CLASSPATH=%UKETSUKE_HOME%\app\app.jar;%UKETSUKE_HOME%\app\lib\*"
rem The JVM options every start uses are filled in here by build-msi.sh (packaging/jvm-options.properties).
set "OPTIONS=@JVM_OPTIONS@ "-Duketsuke.extensions=%UKETSUKE_HOME%\training""
rem The windowed starts keep a JDK 25 AOT cache per user (JEPs 483/514/515; docs/tuning.md): the first start of a
rem build trains it and writes it at exit (that exit takes a few seconds longer), later starts map it. Its name
rem carries app.jar's size, so an upgrade trains a cache of its own (the JVM would refuse the old one, but not replace
rem it). One "if" per line: a value set inside a parenthesised block would not be seen in the same block.
set "AOT="
set "AOT_DIR=%LOCALAPPDATA%\Uketsuke\aot"
for %%F in ("%UKETSUKE_HOME%\app\app.jar") do set "AOT_BUILD=%%~zF"
if /i "%~1"=="demo" set "AOT=%AOT_DIR%\demo-%AOT_BUILD%.aot"
if /i "%~1"=="kiosk" set "AOT=%AOT_DIR%\kiosk-%AOT_BUILD%.aot"
if /i "%~1"=="kiosk-service" set "AOT=%AOT_DIR%\kiosk-%AOT_BUILD%.aot"
rem A check of the configuration (kiosk --config F --check) opens no window: it would train a poor cache.
if /i "%~1"=="kiosk" if not "%~2"=="" set "AOT="
if not defined LOCALAPPDATA set "AOT="
if defined AOT if not exist "%AOT_DIR%" mkdir "%AOT_DIR%"
if defined AOT if exist "%AOT%" set "OPTIONS=%OPTIONS% "-XX:AOTCache=%AOT%" -Xlog:aot*=off -Xlog:cds*=off"
if defined AOT if not exist "%AOT%" set "OPTIONS=%OPTIONS% "-XX:AOTCacheOutput=%AOT%" -Xlog:aot*=off -Xlog:cds*=off"
if /i "%~1"=="demo" (
  start "Uketsuke" "%JAVA_BIN%\javaw.exe" %OPTIONS% -cp "%APP_CLASSPATH%" org.uketsuke.app.Uketsuke %*
  exit /b 0
)
if /i "%~1"=="kiosk" if "%~2"=="" goto kiosk
if /i "%~1"=="kiosk-service" goto service
"%JAVA_BIN%\java.exe" %OPTIONS% -cp "%APP_CLASSPATH%" org.uketsuke.app.Uketsuke %*
exit /b %ERRORLEVEL%

:kiosk
rem The kiosk on the installed configuration, in a console: when the configuration names a bad key, the message
rem (English and Japanese) stays on screen until a key is pressed.
"%JAVA_BIN%\java.exe" %OPTIONS% -cp "%APP_CLASSPATH%" org.uketsuke.app.Uketsuke kiosk --config "%CONFIG%"
set "RC=%ERRORLEVEL%"
if not "%RC%"=="0" pause
exit /b %RC%

:service
rem Windows' equivalent of the DEB's service (Restart=on-failure, RestartSec=10, the journal): the kiosk's log (its
rem standard output and error) goes to kiosk.log, rotated before a start once past 5 MB (kiosk.1.log to kiosk.5.log
rem kept); a failed start or a crash starts it again after 10 s (UKETSUKE_RESTART_SECONDS); a clean exit (the kiosk
rem closed) ends the loop. The wait is ping's, not timeout's: timeout ends at once without a console (a scheduled task
rem run while no one is logged on), which would restart a failing kiosk without pause.
if not defined UKETSUKE_RESTART_SECONDS set "UKETSUKE_RESTART_SECONDS=10"
set /a "PINGS=UKETSUKE_RESTART_SECONDS+1"
set "LOGDIR=%ProgramData%\Uketsuke\logs"
set "LOG=%LOGDIR%\kiosk.log"
if not exist "%LOGDIR%" mkdir "%LOGDIR%"
:service_start
if exist "%LOG%" for %%L in ("%LOG%") do if %%~zL GTR 5242880 call :rotate
>> "%LOG%" echo %DATE% %TIME% uketsuke.cmd: kiosk starting
"%JAVA_BIN%\java.exe" %OPTIONS% -cp "%APP_CLASSPATH%" org.uketsuke.app.Uketsuke kiosk --config "%CONFIG%" >> "%LOG%" 2>&1
set "RC=%ERRORLEVEL%"
rem The redirection first: "with 2>> file" would make the exit code a handle number (stderr), losing the line.
>> "%LOG%" echo %DATE% %TIME% uketsuke.cmd: kiosk exited with %RC%
if "%RC%"=="0" exit /b 0
ping -n %PINGS% 127.0.0.1 >nul
goto service_start

:rotate
if exist "%LOGDIR%\kiosk.5.log" del "%LOGDIR%\kiosk.5.log"
if exist "%LOGDIR%\kiosk.4.log" move /y "%LOGDIR%\kiosk.4.log" "%LOGDIR%\kiosk.5.log" >nul
if exist "%LOGDIR%\kiosk.3.log" move /y "%LOGDIR%\kiosk.3.log" "%LOGDIR%\kiosk.4.log" >nul
if exist "%LOGDIR%\kiosk.2.log" move /y "%LOGDIR%\kiosk.2.log" "%LOGDIR%\kiosk.3.log" >nul
if exist "%LOGDIR%\kiosk.1.log" move /y "%LOGDIR%\kiosk.1.log" "%LOGDIR%\kiosk.2.log" >nul
move /y "%LOG%" "%LOGDIR%\kiosk.1.log" >nul
exit /b 0
