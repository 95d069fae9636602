#!/usr/bin/env bash
# Builds the MSI twice (the Maven version, then the next patch version) and checks both with msitools, as Windows
# Installer would read them: tables, every file of the Windows layout (names, places, contents), the Start-menu and
# autostart shortcuts, per-machine install, the committed UpgradeCode and the major upgrade between the two builds,
# the autostart feature off by default, the configuration kept. Then, with Wine's Windows Installer (msiexec in a
# fresh Wine prefix), it installs, upgrades, rebuilds, refuses a downgrade, turns autostart off and uninstalls, checking
# files, shortcuts, registry and the products registered at each step. One line per check ("ok - …" / "not ok - …";
# "skip - …" for the Wine part when wine64 is missing); exits 1 when a check fails.
# Needs a built reactor (mvn package) and the Debian packages wixl, msitools and (for the install part) wine64.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Never changes (installed machines find older versions by it); also in packaging/src/msi/uketsuke.wxs and, as
# --win-upgrade-uuid, in docs/install.md.
UPGRADE_CODE="{D1071143-6477-4D08-9B78-4447627C0043}"
OUT="$(mktemp -d)"
WINE=/usr/lib/wine/wine64 WINESERVER=/usr/lib/wine/wineserver64
export WINEPREFIX="$OUT/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Stops only the Wine server of this run's own prefix.
trap '[ ! -d "$WINEPREFIX" ] || "$WINESERVER" -k 2>/dev/null; rm -rf "$OUT"' EXIT
passed=0 failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
# check DESCRIPTION COMMAND…: one line for the outcome of COMMAND.
check() { local what="$1"; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
# report DESCRIPTION: one line for the status of the command just before it.
report() { local rc=$?; if [ $rc -eq 0 ]; then ok "$*"; else not_ok "$*"; fi; }
finish() { echo "packaging: $passed MSI checks ok, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

# A table's rows (msiinfo writes three header lines and CRLF line ends).
table() { msiinfo export "$1" "$2" | tr -d '\r' | tail -n +4; }
prop() { table "$1" Property | awk -F'\t' -v k="$2" '$1 == k { print $2 }'; }
# Every file as "place<TAB>size<TAB>component attributes<TAB>component<TAB>feature(s)", the place resolved through the
# Directory table from the standard folder (ProgramFiles64Folder/Uketsuke/app/app.jar).
# Shortcuts the same way: "place<TAB>target<TAB>arguments<TAB>component<TAB>feature(s)".
# An awk program: its $ fields are awk's, not the shell's.
# shellcheck disable=SC2016
RESOLVE='
  function leaf(n) { sub(/:.*/, "", n); if (index(n, "|")) n = substr(n, index(n, "|") + 1); return n }
  function place(d,   n, p) {
    if (d == "TARGETDIR" || d == "") return ""
    n = leaf(name[d]); p = place(parent[d])
    if (n == ".") n = (parent[d] == "TARGETDIR") ? d : ""
    return n == "" ? p : (p == "" ? n : p "/" n)
  }
  FNR == 1 { t++ }
  t == 1 { parent[$1] = $2; name[$1] = $3 }
  t == 2 { cdir[$1] = $3; cattr[$1] = $4 }
  t == 3 { feat[$2] = feat[$2] (feat[$2] == "" ? "" : ",") $1 }
  t == 4 && kind == "File" { print place(cdir[$2]) "/" leaf($3) "\t" $4 "\t" cattr[$2] "\t" $2 "\t" feat[$2] }
  t == 4 && kind == "Shortcut" { print place($2) "/" leaf($3) "\t" $5 "\t" $6 "\t" $4 "\t" feat[$4] }'
resolved() {
  local msi="$1" kind="$2" d="$OUT/tables.$$"
  mkdir -p "$d"
  for t in Directory Component FeatureComponents "$kind"; do table "$msi" "$t" > "$d/$t"; done
  awk -F'\t' -v kind="$kind" "$RESOLVE" "$d/Directory" "$d/Component" "$d/FeatureComponents" "$d/$kind" | LC_ALL=C sort
}
# Is version $1 within an Upgrade row's range ($2 min, $3 max, $4 attributes)? 256 includes the minimum, 512 the
# maximum; an empty bound is open.
vle() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]; }
in_range() {
  local v="$1" min="$2" max="$3" attr="$4"
  if [ -n "$min" ]; then
    if [ "$v" = "$min" ]; then (( attr & 256 )) || return 1; else vle "$min" "$v" || return 1; fi
  fi
  if [ -n "$max" ]; then
    if [ "$v" = "$max" ]; then (( attr & 512 )) || return 1; else vle "$v" "$max" || return 1; fi
  fi
}
# The rows of MSI $1's Upgrade table for our UpgradeCode that act on an installed version $2: "property attributes".
upgrade_rows_for() {
  local msi="$1" v="$2" code min max attr property
  # Tabs to "|": read would merge the empty columns (open bounds) if tab were the separator.
  while IFS='|' read -r code min max _ attr _ property; do
    [ "${code^^}" = "${UPGRADE_CODE^^}" ] && in_range "$v" "$min" "$max" "$attr" && echo "$property $attr"
  done < <(table "$msi" Upgrade | tr '\t' '|')
}

MAVEN_VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
V1="${MAVEN_VERSION%%-*}"
V2="${V1%.*}.$(( ${V1##*.} + 1 ))"

echo "building the MSI for $MAVEN_VERSION (default version) and $V2, and $V2 again"
if "$ROOT/packaging/build-msi.sh" "" "$OUT/v1" >"$OUT/build1.log" 2>&1 \
   && "$ROOT/packaging/build-msi.sh" "$V2" "$OUT/v2" >"$OUT/build2.log" 2>&1 \
   && "$ROOT/packaging/build-msi.sh" "$V2" "$OUT/v3" >"$OUT/build3.log" 2>&1; then
  ok "built three MSIs with wixl"
else
  sed 's/^/# /' "$OUT"/build*.log; not_ok "build-msi.sh failed"; finish
fi
M1="$OUT/v1/uketsuke-$V1-x64.msi"
M2="$OUT/v2/uketsuke-$V2-x64.msi"
M3="$OUT/v3/uketsuke-$V2-x64.msi"
check "the default version maps $MAVEN_VERSION to the MSI version $V1" test -f "$M1"

# --- tables -------------------------------------------------------------------------------------------------------
for msi in "$M1" "$M2"; do
  missing=""
  tables="$(msiinfo tables "$msi" | tr -d '\r')"
  for t in Property Directory Component Feature FeatureComponents File Media Shortcut Registry RemoveFile Upgrade \
           LaunchCondition Condition InstallExecuteSequence InstallUISequence; do
    grep -qx "$t" <<<"$tables" || missing="$missing $t"
  done
  [ -z "$missing" ] && ok "$(basename "$msi"): required tables present" \
    || not_ok "$(basename "$msi"): tables missing:$missing"
done
check "the cabinet is embedded (Media #uketsuke.cab, stream present)" \
  bash -c "msiinfo export '$M1' Media | tr -d '\r' | grep -q $'\t#uketsuke.cab\t' && msiinfo streams '$M1' | grep -qx uketsuke.cab"

# --- files --------------------------------------------------------------------------------------------------------
# The Windows layout, derived here from the build's outputs: launcher, app.jar, every runtime jar (JavaFX as its
# Windows jar), the configuration in ProgramData.
expected="$OUT/expected-files"
{
  echo "ProgramFiles64Folder/Uketsuke/uketsuke.cmd"
  echo "ProgramFiles64Folder/Uketsuke/copyright.txt"
  echo "ProgramFiles64Folder/Uketsuke/app/app.jar"
  for jar in "$ROOT"/app/target/lib/*.jar; do
    name="$(basename "$jar")"
    echo "ProgramFiles64Folder/Uketsuke/app/lib/${name/%-linux.jar/-win.jar}"
  done
  echo "CommonAppDataFolder/Uketsuke/uketsuke.conf"
  echo "ProgramFiles64Folder/Uketsuke/training/training.jar"
  for jar in "$ROOT"/training/target/lib/*.jar; do
    name="$(basename "$jar")"
    [ -e "$ROOT/app/target/lib/$name" ] || [[ "$name" == app-*.jar ]] || echo "ProgramFiles64Folder/Uketsuke/training/$name"
  done
} | LC_ALL=C sort > "$expected"
resolved "$M1" File > "$OUT/files1"
resolved "$M2" File > "$OUT/files2"
if diff <(cut -f1 "$OUT/files1") "$expected" >"$OUT/files.diff"; then
  ok "File table lists exactly the Windows layout ($(wc -l < "$expected") files, each in its folder)"
else
  sed 's/^/# /' "$OUT/files.diff"; not_ok "File table differs from the Windows layout (< MSI, > expected)"
fi
check "$(basename "$M2"): the same files" diff -q <(cut -f1 "$OUT/files1") <(cut -f1 "$OUT/files2")
check "every program file belongs to the Main feature, every training file to the Training feature" \
  bash -c "! awk -F'\t' '(\$1 ~ /\/Uketsuke\/training\// ? \$5 != \"Training\" : \$5 != \"Main\")' '$OUT/files1' | grep -q ."
check "the Main feature holds no mock backend, virtual card or tool (training.jar only under training\\)" \
  bash -c "! cut -f1 '$OUT/files1' | grep -v '/Uketsuke/training/' | grep -qE '/(training|mock-backend|card-sim|tools)-[^/]*\.jar\$'"
check "every component under Program Files is 64-bit (attribute 256)" \
  bash -c "! awk -F'\t' '\$1 ~ /^ProgramFiles64Folder\\// && int(\$3 / 256) % 2 == 0' '$OUT/files1' | grep -q ."
# Components keep their codes from one version to the next (wixl derives them from the place).
table "$M1" Component | cut -f1,2 | LC_ALL=C sort > "$OUT/components1"
table "$M2" Component | cut -f1,2 | LC_ALL=C sort > "$OUT/components2"
check "component codes stable across versions ($(wc -l < "$OUT/components1") components)" \
  diff -q "$OUT/components1" "$OUT/components2"

# Contents, from the cabinet: the jars are the build's, JavaFX's carry Windows DLLs, sizes match the File table.
mkdir -p "$OUT/x1"
msiextract -C "$OUT/x1" "$M1" >/dev/null
X="$OUT/x1/Uketsuke"
same=yes
APP_JARS=("$ROOT"/app/target/app-*.jar)
cmp -s "$X/app/app.jar" "${APP_JARS[0]}" || same="app.jar"
for jar in "$ROOT"/app/target/lib/*.jar; do
  case "$jar" in *-linux.jar) continue ;; esac
  cmp -s "$X/app/lib/$(basename "$jar")" "$jar" || same="$(basename "$jar")"
done
[ "$same" = yes ] && ok "app.jar and the platform-neutral jars are the build's, byte for byte" \
  || not_ok "extracted $same differs from the build's"
fx_ok=yes fx_count=0
for jar in "$X"/app/lib/javafx-*-win.jar; do
  [ -f "$jar" ] || { fx_ok=no; break; }
  fx_count=$((fx_count + 1))
  listing="$(unzip -Z1 "$jar")"
  case "$(basename "$jar")" in
    javafx-graphics-*) grep -q '\.dll$' <<<"$listing" || fx_ok=no ;;
  esac
  ! grep -q '\.so$' <<<"$listing" || fx_ok=no
done
[ "$fx_ok" = yes ] && [ "$fx_count" -gt 0 ] \
  && ok "JavaFX is its Windows build ($fx_count -win jars, DLLs, no .so)" || not_ok "JavaFX jars are not the Windows build"
check "OpenCV and SQLite carry their Windows x86_64 natives" bash -c \
  "unzip -Z1 '$X'/app/lib/opencv-*.jar | grep -q 'windows/x86_64/.*\.dll$' && unzip -Z1 '$X'/app/lib/sqlite-jdbc-*.jar | grep -q 'Windows/x86_64/.*\.dll$'"
sizes_ok=yes
while IFS=$'\t' read -r place size _; do
  file="$X/${place#*/Uketsuke/}"
  [ -f "$file" ] && [ "$(stat -c %s "$file")" = "$size" ] || { sizes_ok="$place"; break; }
done < "$OUT/files1"
[ "$sizes_ok" = yes ] && ok "every file's size in the File table matches the cabinet" || not_ok "size of $sizes_ok"
# The licence text (ADR 0011): the DEB's copyright file with CRLF, and each model file in the program's jars has its
# own stanza in it; the licence-clear two ship.
check "copyright.txt is packaging/src/deb-extra/copyright with CRLF line ends" bash -c \
  "! grep -qv \$'\r\$' '$X/copyright.txt' && tr -d '\r' < '$X/copyright.txt' | cmp -s - '$ROOT/packaging/src/deb-extra/copyright'"
if models="$("$ROOT/packaging/model-licences.sh" "$X/copyright.txt" "$X/app")"; then
  ok "every model file in the MSI's jars has its stanza in copyright.txt: $(cut -f2 <<< "$models" | sed 's:.*/::' | tr '\n' ' ')"
else
  not_ok "a model file in the MSI's jars has no stanza in copyright.txt"
fi
for model in blazeface.onnx face_recognition_dlib.onnx; do
  check "the MSI ships $model (face-models jar)" grep -qP "^face-models-[^\t]*\torg/uketsuke/face/models/$model\$" <<< "$models"
done
! grep -qE '/fr_(detect|landmark|feature)\.onnx$' <<< "$models"
report "the MSI carries none of ADR 0001's models (fr_*.onnx)"
# The source with packaging/jvm-options.properties filled in for @JVM_OPTIONS@ (build-msi.sh does the same).
JVM_OPTIONS="$(sed -n 's/^jvm\.options=//p' "$ROOT/packaging/jvm-options.properties")"
sed "s|@JVM_OPTIONS@|$JVM_OPTIONS|" "$ROOT/packaging/src/msi/uketsuke.cmd" > "$OUT/uketsuke.cmd.expected"
check "the launcher is packaging/src/msi/uketsuke.cmd (JVM options filled in) as CP932 with CRLF line ends" bash -c \
  "! grep -qv \$'\r\$' '$X/uketsuke.cmd' && iconv -f CP932 -t UTF-8 '$X/uketsuke.cmd' | tr -d '\r' | cmp -s - '$OUT/uketsuke.cmd.expected'"
check "the launcher passes the JVM options of packaging/jvm-options.properties" \
  grep -qF -- "set \"OPTIONS=$JVM_OPTIONS " "$X/uketsuke.cmd"
check "the launcher runs the bundled runtime, else JAVA_HOME, else PATH, with app.jar and app\\lib\\*" bash -c \
  "grep -qF 'runtime\\bin\\java.exe' '$X/uketsuke.cmd' && grep -qF '%JAVA_HOME%\\bin\\java.exe' '$X/uketsuke.cmd' \
   && grep -qF '%%~\$PATH:J' '$X/uketsuke.cmd' && grep -qF 'app\\app.jar;%UKETSUKE_HOME%\\app\\lib\\*' '$X/uketsuke.cmd'"

# --- shortcuts ----------------------------------------------------------------------------------------------------
resolved "$M1" Shortcut > "$OUT/shortcuts1"
check "Start-menu shortcut: ProgramMenuFolder/Uketsuke/Uketsuke runs [INSTALLDIR]uketsuke.cmd kiosk (feature Main)" \
  grep -qxF "$(printf 'ProgramMenuFolder/Uketsuke/Uketsuke\t[INSTALLDIR]uketsuke.cmd\tkiosk\tMenuShortcut\tMain')" "$OUT/shortcuts1"
check "training shortcut: ProgramMenuFolder/Uketsuke/Uketsuke training demo runs uketsuke.cmd demo, only in feature Training" \
  grep -qxF "$(printf 'ProgramMenuFolder/Uketsuke/Uketsuke training demo\t[INSTALLDIR]uketsuke.cmd\tdemo\tTrainingShortcut\tTraining')" "$OUT/shortcuts1"
installdir="$(table "$M1" Directory | awk -F'\t' '$1 == "INSTALLDIR" { print $2 "/" $3 }')"
check "INSTALLDIR is ProgramFiles64Folder/Uketsuke, where uketsuke.cmd is" bash -c \
  "[ '$installdir' = ProgramFiles64Folder/Uketsuke ] && grep -q '^ProgramFiles64Folder/Uketsuke/uketsuke.cmd'$'\t' '$OUT/files1'"
check "the Start-menu folder is removed on uninstall" bash -c \
  "table() { msiinfo export \"\$1\" \"\$2\" | tr -d '\r' | tail -n +4; }; table '$M1' RemoveFile | awk -F'\t' '\$2 == \"MenuShortcut\" && \$4 == \"MenuDir\" && \$5 == 2' | grep -q ."

# --- per machine --------------------------------------------------------------------------------------------------
check "per-machine: ALLUSERS=1, no MSIINSTALLPERUSER" bash -c \
  "[ '$(prop "$M1" ALLUSERS)' = 1 ] && [ -z '$(prop "$M1" MSIINSTALLPERUSER)' ]"
check "x64 package (summary template x64;1033)" bash -c "msiinfo suminfo '$M1' | grep -qx 'Template: x64;1033'"

# --- versions, codes, upgrade -------------------------------------------------------------------------------------
check "ProductVersion $V1 and $V2" bash -c "[ '$(prop "$M1" ProductVersion)' = '$V1' ] && [ '$(prop "$M2" ProductVersion)' = '$V2' ]"
u1="$(prop "$M1" UpgradeCode)" u2="$(prop "$M2" UpgradeCode)"
check "UpgradeCode identical in both builds and the committed $UPGRADE_CODE" \
  bash -c "[ '${u1^^}' = '${UPGRADE_CODE^^}' ] && [ '${u2^^}' = '${UPGRADE_CODE^^}' ]"
p1="$(prop "$M1" ProductCode)" p2="$(prop "$M2" ProductCode)"
check "ProductCode new per build ($p1 ≠ $p2)" \
  bash -c "[[ '$p1' =~ ^\{[0-9A-F-]{36}\}$ ]] && [[ '$p2' =~ ^\{[0-9A-F-]{36}\}$ ]] && [ '$p1' != '$p2' ]"
pk1="$(msiinfo suminfo "$M1" | sed -n 's/^Revision number (UUID): //p')"
pk2="$(msiinfo suminfo "$M2" | sed -n 's/^Revision number (UUID): //p')"
check "PackageCode new per build" bash -c "[ -n '$pk1' ] && [ '$pk1' != '$pk2' ]"
check "the UpgradeCode is the one in uketsuke.wxs and in docs/install.md's jpackage --win-upgrade-uuid" bash -c \
  "grep -qi 'UpgradeCode=\"${UPGRADE_CODE:1:36}\"' '$ROOT/packaging/src/msi/uketsuke.wxs' \
   && grep -qi -- '--win-upgrade-uuid ${UPGRADE_CODE:1:36}' '$ROOT/docs/install.md'"
rows="$(upgrade_rows_for "$M2" "$V1")"
check "$V2 finds an installed $V1 and removes it (MajorUpgrade: $(tr '\n' ' ' <<<"$rows"))" \
  bash -c "grep -qE '^WIX_UPGRADE_DETECTED [0-9]+$' <<<'$rows' && ! (( \$(awk '/^WIX_UPGRADE_DETECTED/ { print \$2 }' <<<'$rows') & 2 ))"
rows="$(upgrade_rows_for "$M1" "$V1")"
check "a rebuilt $V1 replaces an installed $V1 (same-version upgrade, IncludeMaximum)" \
  grep -qE '^WIX_UPGRADE_DETECTED [0-9]+$' <<<"$rows"
rows="$(upgrade_rows_for "$M1" "$V2")"
check "$V1 detects an installed $V2 as a downgrade and refuses (detect only + launch condition)" bash -c \
  "grep -qE '^WIX_DOWNGRADE_DETECTED [0-9]+$' <<<'$rows' && ! grep -q '^WIX_UPGRADE_DETECTED' <<<'$rows' \
   && msiinfo export '$M1' LaunchCondition | tr -d '\r' | grep -q '^NOT WIX_DOWNGRADE_DETECTED'$'\t'"
seq="$(table "$M2" InstallExecuteSequence)"
seq_of() { awk -F'\t' -v a="$1" '$1 == a { print $3 }' <<<"$seq"; }
fr="$(seq_of FindRelatedProducts)" rep="$(seq_of RemoveExistingProducts)" iv="$(seq_of InstallValidate)" \
  fin="$(seq_of InstallFinalize)" cf="$(seq_of CostFinalize)"
check "FindRelatedProducts ($fr) before CostFinalize ($cf); RemoveExistingProducts ($rep) between InstallValidate ($iv) and InstallFinalize ($fin)" \
  bash -c "[ -n '$fr' ] && [ -n '$rep' ] && [ '$fr' -lt '$cf' ] && [ '$rep' -gt '$iv' ] && [ '$rep' -lt '$fin' ]"
check "upgrade properties are secure (SecureCustomProperties)" bash -c \
  "tr ';' '\n' <<<'$(prop "$M2" SecureCustomProperties)' | grep -qx WIX_UPGRADE_DETECTED"

# --- autostart, configuration ---------------------------------------------------------------------------------------
level="$(prop "$M1" INSTALLLEVEL)"; level="${level:-1}"
flevel="$(table "$M1" Feature | awk -F'\t' '$1 == "Autostart" { print $6 }')"
check "feature Autostart is off by default (level ${flevel:-none} > INSTALLLEVEL $level)" \
  bash -c "[ -n '$flevel' ] && [ '$flevel' -gt '$level' ]"
check "AUTOSTART=1 turns it on (Condition row to level ≤ $level); AUTOSTART defaults to 0 and is secure" bash -c \
  "table() { msiinfo export \"\$1\" \"\$2\" | tr -d '\r' | tail -n +4; }; \
   table '$M1' Condition | awk -F'\t' '\$1 == \"Autostart\" && \$2 <= $level && \$3 == \"AUTOSTART=\\\"1\\\"\"' | grep -q . \
   && [ '$(prop "$M1" AUTOSTART)' = 0 ] && tr ';' '\n' <<<'$(prop "$M1" SecureCustomProperties)' | grep -qx AUTOSTART"
tlevel="$(table "$M1" Feature | awk -F'\t' '$1 == "Training" { print $6 }')"
check "feature Training is off by default (level ${tlevel:-none} > INSTALLLEVEL $level); TRAINING=1 turns it on; secure" bash -c \
  "table() { msiinfo export \"\$1\" \"\$2\" | tr -d '\r' | tail -n +4; }; [ -n '$tlevel' ] && [ '$tlevel' -gt '$level' ] \
   && table '$M1' Condition | awk -F'\t' '\$1 == \"Training\" && \$2 <= $level && \$3 == \"TRAINING=\\\"1\\\"\"' | grep -q . \
   && [ '$(prop "$M1" TRAINING)' = 0 ] && tr ';' '\n' <<<'$(prop "$M1" SecureCustomProperties)' | grep -qx TRAINING"
check "the launcher looks for extensions in training\\ (-Duketsuke.extensions)" \
  grep -qF '"-Duketsuke.extensions=%UKETSUKE_HOME%\training"' "$X/uketsuke.cmd"
check "java_options reaches the JVM as JDK_JAVA_OPTIONS, never expanded on a cmd.exe command line (& calc.exe stays text)" \
  bash -c "grep -qF 'set \"JDK_JAVA_OPTIONS=%%B\"' '$X/uketsuke.cmd' && ! grep -qF '%JAVA_OPTIONS%' '$X/uketsuke.cmd' \
   && ! grep -qF '%JDK_JAVA_OPTIONS%' '$X/uketsuke.cmd'"
check "autostart shortcut: StartupFolder/Uketsuke kiosk runs uketsuke.cmd kiosk-service (the installed configuration, logged, restarted), only in feature Autostart" \
  grep -qxF "$(printf 'StartupFolder/Uketsuke kiosk\t[INSTALLDIR]uketsuke.cmd\tkiosk-service\tAutostartShortcut\tAutostart')" "$OUT/shortcuts1"
# The service equivalent: a log folder the MSI makes, and the launcher's kiosk-service loop (log file, rotation,
# restart on failure) — Windows' counterpart of the DEB's systemd unit and journal.
table "$M1" Directory | awk -F'\t' '$1 == "LOGDIR" && $2 == "CONFIGDIR" && $3 ~ /(^|\|)logs$/' | grep -q . \
  && table "$M1" CreateFolder | awk -F'\t' '$1 == "LOGDIR" && $2 == "LogFolder"' | grep -q . \
  && table "$M1" FeatureComponents | awk -F'\t' '$1 == "Main" && $2 == "LogFolder"' | grep -q .
report "log folder: ProgramData/Uketsuke/logs is created by feature Main (CreateFolder LOGDIR, component LogFolder)"
check "kiosk-service writes the kiosk's output to ProgramData\\Uketsuke\\logs\\kiosk.log and rotates it past 5 MB, keeping 5" \
  bash -c "grep -qF 'set \"LOGDIR=%ProgramData%\\Uketsuke\\logs\"' '$X/uketsuke.cmd' \
   && grep -qF 'kiosk --config \"%CONFIG%\" >> \"%LOG%\" 2>&1' '$X/uketsuke.cmd' \
   && grep -qF 'if %%~zL GTR 5242880 call :rotate' '$X/uketsuke.cmd' \
   && grep -qF 'move /y \"%LOGDIR%\\kiosk.4.log\" \"%LOGDIR%\\kiosk.5.log\"' '$X/uketsuke.cmd'"
check "kiosk-service starts the kiosk again 10 s after a failure (a ping wait, which needs no console) and ends on a clean exit" \
  bash -c "tr -d '\r' < '$X/uketsuke.cmd' | sed -n '/^:service_start/,/^:rotate/p' \
   | grep -qzP 'if \"%RC%\"==\"0\" exit /b 0\nping -n %PINGS% 127.0.0.1 >nul\ngoto service_start' \
   && grep -qF 'set \"UKETSUKE_RESTART_SECONDS=10\"' '$X/uketsuke.cmd'"
check "OpenCV's own camera warnings are off unless OPENCV_LOG_LEVEL is set (the kiosk logs a typed line instead)" \
  grep -qF 'if not defined OPENCV_LOG_LEVEL set "OPENCV_LOG_LEVEL=SILENT"' "$X/uketsuke.cmd"
check "the launcher starts 'kiosk' with --config on the installed configuration" \
  grep -qF 'org.uketsuke.app.Uketsuke kiosk --config "%CONFIG%"' "$X/uketsuke.cmd"
check "shortcut components keep HKLM key paths (Registry root 2)" bash -c \
  "[ \"\$(msiinfo export '$M1' Registry | tr -d '\r' | tail -n +4 | awk -F'\t' '\$2 == 2 && (\$6 == \"MenuShortcut\" || \$6 == \"AutostartShortcut\")' | wc -l)\" = 2 ]"
[ "$(table "$M2" AppSearch)" = "$(printf 'AUTOSTART\tAutostartChoice')" ] \
  && table "$M2" RegLocator | awk -F'\t' '$1 == "AutostartChoice" && $2 == 2 && $3 == "Software\\Uketsuke" && $4 == "KioskAutostart"' | grep -q . \
  && table "$M2" Registry | awk -F'\t' '$2 == 2 && $3 == "Software\\Uketsuke" && $4 == "KioskAutostart" && $5 == "1" && $6 == "AutostartShortcut"' | grep -q .
report "an upgrade reads the autostart choice back (AppSearch: AUTOSTART from HKLM Software\\Uketsuke KioskAutostart=1)"
conf="$(grep '^CommonAppDataFolder/Uketsuke/uketsuke.conf' "$OUT/files1" | cut -f3)"
check "configuration in ProgramData is Permanent and NeverOverwrite (attributes ${conf:-none}): upgrades and uninstall keep it" \
  bash -c "[ -n '$conf' ] && (( $conf & 16 )) && (( $conf & 128 ))"

# --- install, upgrade, uninstall with Wine's Windows Installer ------------------------------------------------------
# Wine's msi.dll is a re-implementation of Windows Installer, not the real one, but it runs the same tables: what it
# installs, finds and removes here, Windows would too. Wine keeps the registry in memory: wineserver -w writes it out.
C="$WINEPREFIX/drive_c"
APPDIR="$C/Program Files/Uketsuke"
CONFIG="$C/ProgramData/Uketsuke/uketsuke.conf"
msiexec() { timeout 300 "$WINE" msiexec "$@" >/dev/null 2>&1; local rc=$?; timeout 60 "$WINESERVER" -w; return $rc; }
winpath() { echo "Z:${1//\//\\}"; }
# Products registered for uninstall whose DisplayName is Uketsuke: "{ProductCode} version", one a line.
products() {
  awk '/^\[/ { key = $1; name = ""; version = "" }
       /^"DisplayName"="Uketsuke"$/ { name = 1 }
       /^"DisplayVersion"=/ { version = $0; sub(/^"DisplayVersion"="/, "", version); sub(/"$/, "", version) }
       name && version != "" && key ~ /Uninstall/ {
         sub(/.*Uninstall\\\\/, "", key); sub(/\].*/, "", key); print key, version; name = "" }' "$WINEPREFIX/system.reg"
}
# The values under HKLM\Software\Uketsuke (64-bit view).
uketsuke_values() {
  awk '/^\[/ { in_key = ($1 == "[Software\\\\Uketsuke]") } in_key && /^"/ { print }' "$WINEPREFIX/system.reg"
}
# Shortcuts named Uketsuke* anywhere in the Start menus (Wine puts all-users ones in the user's profile).
shortcut() { find "$C" -path "*/Start Menu/Programs/$1" -name "$(basename "$1")" | head -1; }
# Does shortcut $1 (a .lnk) point at the installed launcher with the argument $2 (demo or kiosk)?
runs_kiosk() { [ -n "$1" ] && tr -d '\0' < "$1" | grep -aqF 'C:\Program Files\Uketsuke\uketsuke.cmd' \
  && tr -d '\0' < "$1" | grep -aqw "$2"; }
if [ ! -x "$WINE" ]; then
  echo "skip - install, upgrade and uninstall with Wine's msiexec: wine64 is not installed (apt-get install wine64)"
else
  timeout 300 "$WINE" wineboot --init >/dev/null 2>&1; timeout 60 "$WINESERVER" -w
  if [ ! -d "$C/windows" ]; then
    not_ok "a Wine prefix could not be made (wineboot --init)"
  else
    mkdir -p "$OUT/x2"; msiextract -C "$OUT/x2" "$M2" >/dev/null
    msiexec /i "$(winpath "$M1")" /qn; rc=$?
    [ $rc = 0 ] && [ "$(products)" = "$p1 $V1" ]
    report "Wine: msiexec /i $(basename "$M1") /qn (exit $rc) registers $p1 $V1"
    diff -r --exclude=uketsuke.conf --exclude=training "$X" "$APPDIR" >/dev/null && [ ! -e "$APPDIR/training" ]
    report "Wine: Program Files/Uketsuke holds the program's layout, byte for byte, and no training files by default"
    tr -d '\r' < "$CONFIG" | cmp -s - "$ROOT/packaging/src/msi/uketsuke.conf"
    report "Wine: ProgramData/Uketsuke/uketsuke.conf written from the template"
    runs_kiosk "$(shortcut "Uketsuke/Uketsuke.lnk")" kiosk && [ -z "$(shortcut "Uketsuke/Uketsuke training demo.lnk")" ]
    report "Wine: Start-menu shortcut Uketsuke runs C:\\Program Files\\Uketsuke\\uketsuke.cmd kiosk; no training shortcut"
    [ -z "$(shortcut "StartUp/Uketsuke kiosk.lnk")" ] \
      && [ "$(uketsuke_values | cut -d= -f1 | LC_ALL=C sort | tr '\n' ' ')" = '"LogFolder" "StartMenuShortcut" ' ]
    report "Wine: no autostart by default (no Startup shortcut; HKLM\\Software\\Uketsuke holds StartMenuShortcut and LogFolder only)"
    [ -d "$C/ProgramData/Uketsuke/logs" ] && uketsuke_values | grep -qiF '"LogFolder"="C:\\ProgramData\\Uketsuke\\logs'
    report "Wine: the log folder C:\\ProgramData\\Uketsuke\\logs exists (HKLM\\Software\\Uketsuke LogFolder names it)"

    printf 'java_options=-Xmx768m\r\n' >> "$CONFIG"
    msiexec /i "$(winpath "$M2")" /qn AUTOSTART=1 TRAINING=1; rc=$?
    [ $rc = 0 ] && [ "$(products)" = "$p2 $V2" ]
    report "Wine: upgrade, msiexec /i $(basename "$M2") /qn AUTOSTART=1 TRAINING=1 (exit $rc): only $p2 $V2 registered, $p1 removed"
    diff -r --exclude=uketsuke.conf "$OUT/x2/Uketsuke" "$APPDIR" >/dev/null
    report "Wine: the upgraded files are $V2's, training files included"
    runs_kiosk "$(shortcut "Uketsuke/Uketsuke training demo.lnk")" demo
    report "Wine: TRAINING=1 adds the Start-menu shortcut 'Uketsuke training demo' (uketsuke.cmd demo)"
    grep -q '^java_options=-Xmx768m' "$CONFIG"
    report "Wine: the edited configuration is kept across the upgrade"
    runs_kiosk "$(shortcut "StartUp/Uketsuke kiosk.lnk")" kiosk-service
    report "Wine: AUTOSTART=1 puts 'Uketsuke kiosk' (uketsuke.cmd kiosk-service) in the Startup folder"

    # The kiosk-service loop, run by Wine's cmd on the installed launcher: a stand-in java.exe fails twice (Wine's
    # hostname.exe, which any argument makes fail), then is swapped for one that ends cleanly (Wine's cmd.exe, its input
    # at an end); a kiosk.log past 5 MB and five older logs are there before the first start.
    LOGS="$C/ProgramData/Uketsuke/logs"
    JDK="$OUT/standin-jdk"
    mkdir -p "$JDK/bin"
    cp "$C/windows/system32/hostname.exe" "$JDK/bin/java.exe"
    head -c 5242881 /dev/zero | tr '\0' x > "$LOGS/kiosk.log"
    for i in 1 2 3 4 5; do echo "old $i" > "$LOGS/kiosk.$i.log"; done
    JAVA_HOME="$(winpath "$JDK")" UKETSUKE_RESTART_SECONDS=2 timeout 120 "$WINE" cmd /c \
      'C:\Program Files\Uketsuke\uketsuke.cmd' kiosk-service </dev/null >/dev/null 2>&1 &
    svc=$!
    for _ in $(seq 900); do
      [ "$(grep -c 'kiosk exited with' "$LOGS/kiosk.log" 2>/dev/null)" -ge 2 ] && break
      sleep 0.1
    done
    cp "$C/windows/system32/cmd.exe" "$JDK/bin/java.exe"
    wait "$svc"; rc=$?
    log="$(tr -d '\r' < "$LOGS/kiosk.log")"
    [ $rc = 0 ] && [ "$(grep -c 'kiosk starting$' <<<"$log")" = 3 ] && [ "$(grep -c 'kiosk exited with 1$' <<<"$log")" = 2 ] \
      && [ "$(grep -c 'kiosk exited with 0$' <<<"$log")" = 1 ] && grep -q 'Usage: hostname' <<<"$log" \
      && [ ! -e "$APPDIR/runtime" ]
    report "Wine: kiosk-service run: a kiosk failing twice is started again after the wait, each exit code in kiosk.log with the kiosk's own output, and the loop ends on the clean exit (exit $rc)"
    [ "$(stat -c %s "$LOGS/kiosk.1.log")" = 5242881 ] && [ "$(cat "$LOGS/kiosk.2.log")" = "old 1" ] \
      && [ "$(cat "$LOGS/kiosk.5.log")" = "old 4" ] && ! grep -qx 'old 5' "$LOGS"/kiosk.*.log
    report "Wine: kiosk-service rotated the 5 MB kiosk.log to kiosk.1.log before starting, kept five, dropped the oldest"

    p3="$(prop "$M3" ProductCode)"
    msiexec /i "$(winpath "$M3")" /qn; rc=$?
    [ $rc = 0 ] && [ "$(products)" = "$p3 $V2" ] && [ -n "$(shortcut "StartUp/Uketsuke kiosk.lnk")" ]
    report "Wine: a rebuilt $V2 replaces the installed $V2 (exit $rc, only $p3 registered) and keeps autostart on"
    msiexec /i "$(winpath "$M1")" /qn; rc=$?
    [ $rc != 0 ] && [ "$(products)" = "$p3 $V2" ] && [ -f "$APPDIR/uketsuke.cmd" ]
    report "Wine: installing $V1 over $V2 is refused (exit $rc), $V2 stays"
    msiexec /i "$(winpath "$M3")" /qn REMOVE=Autostart; rc=$?
    [ $rc = 0 ] && [ -z "$(shortcut "StartUp/Uketsuke kiosk.lnk")" ] && [ -n "$(shortcut "Uketsuke/Uketsuke.lnk")" ] \
      && [ "$(products)" = "$p3 $V2" ]
    report "Wine: REMOVE=Autostart turns autostart off (exit $rc), the program stays"

    msiexec /x "$(winpath "$M3")" /qn; rc=$?
    [ $rc = 0 ] && [ -z "$(products)" ] && [ ! -e "$APPDIR" ]
    report "Wine: uninstall, msiexec /x /qn (exit $rc): nothing registered, Program Files/Uketsuke gone"
    [ -z "$(shortcut "Uketsuke/Uketsuke.lnk")$(shortcut "StartUp/Uketsuke kiosk.lnk")" ] && [ -z "$(uketsuke_values)" ]
    report "Wine: uninstall removes the shortcuts and the HKLM\\Software\\Uketsuke values"
    grep -q '^java_options=-Xmx768m' "$CONFIG"
    report "Wine: uninstall keeps the configuration"
  fi
fi

# --- refusals -----------------------------------------------------------------------------------------------------
out="$("$ROOT/packaging/build-msi.sh" 0.1.0-SNAPSHOT "$OUT/bad" 2>&1)"; rc=$?
check "build-msi.sh refuses a non-numeric version (exit $rc)" bash -c "[ $rc = 2 ] && grep -q 'not numeric x.y.z' <<<'$out'"
out="$("$ROOT/packaging/build-msi.sh" 256.0.0 "$OUT/bad" 2>&1)"; rc=$?
check "build-msi.sh refuses a version past 255.255.65535 (exit $rc)" bash -c "[ $rc = 2 ] && grep -q 'out of range' <<<'$out'"
out="$(UKETSUKE_WINDOWS_RUNTIME="${JAVA_HOME:-/usr}" "$ROOT/packaging/build-msi.sh" "$V1" "$OUT/bad" 2>&1)"; rc=$?
check "build-msi.sh refuses a runtime that is not a Windows one (exit $rc)" \
  bash -c "[ $rc = 2 ] && grep -q 'is not a' <<<'$out' && [ ! -e '$OUT/bad/uketsuke-$V1-x64.msi' ]"

finish
