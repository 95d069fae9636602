#!/usr/bin/env bash
# Builds the Windows installer (MSI) on Linux with msitools' wixl from packaging/src/msi/uketsuke.wxs: the app's jars
# (JavaFX as its Windows jars; OpenCV and SQLite carry their Windows natives), the uketsuke.cmd launcher and the
# configuration template; the training module (demo kiosk, mock backend, virtual cards) as the optional feature
# Training (off unless TRAINING=1), installed into training\ where the launcher looks for extensions. Needs the reactor built (mvn package) and the Debian packages wixl and msitools.
#   packaging/build-msi.sh [VERSION [OUTDIR]]   (default: the Maven version without its qualifier, into out/)
# A Windows Java runtime cannot be made here (jlink links only for the platform it runs on), so the MSI uses Java 25
# from JAVA_HOME or PATH, unless UKETSUKE_WINDOWS_RUNTIME names a runtime image made by jlink on Windows, which is
# then bundled as runtime\ (see docs/install.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/packaging/src/msi"
MAVEN_VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
VERSION="${1:-${MAVEN_VERSION%%-*}}"
OUT="${2:-$ROOT/out}"
die() { echo "build-msi: $*" >&2; exit 2; }

# An MSI ProductVersion is major.minor.build, at most 255.255.65535; upgrades compare these three fields.
[[ "$VERSION" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] \
    || die "version '$VERSION' is not numeric x.y.z (an MSI ProductVersion); give one, e.g. build-msi.sh 0.1.0"
[ "${BASH_REMATCH[1]}" -le 255 ] && [ "${BASH_REMATCH[2]}" -le 255 ] && [ "${BASH_REMATCH[3]}" -le 65535 ] \
    || die "version '$VERSION' is out of range for an MSI (at most 255.255.65535)"
command -v wixl >/dev/null && command -v msibuild >/dev/null \
    || die "wixl and msibuild are missing: apt-get install wixl msitools"
APP_JARS=("$ROOT"/app/target/app-*.jar)
APP_JAR="${APP_JARS[0]}"
[ -f "$APP_JAR" ] && [ -d "$ROOT/app/target/lib" ] \
    || die "the app is not built: mvn -B -ntp -q -pl app -am package -DskipTests"
RUNTIME="${UKETSUKE_WINDOWS_RUNTIME:-}"
if [ -n "$RUNTIME" ]; then
  [ -f "$RUNTIME/bin/java.exe" ] && [ -f "$RUNTIME/bin/javaw.exe" ] && [ -f "$RUNTIME/lib/modules" ] \
      || die "UKETSUKE_WINDOWS_RUNTIME=$RUNTIME is not a Java runtime image (bin/java.exe, bin/javaw.exe, lib/modules)"
  grep -q '^OS_NAME="Windows"' "$RUNTIME/release" 2>/dev/null \
      || die "UKETSUKE_WINDOWS_RUNTIME=$RUNTIME is not a Windows runtime (its release file lacks OS_NAME=\"Windows\")"
  grep -q '^JAVA_VERSION="2[5-9]' "$RUNTIME/release" \
      || die "UKETSUKE_WINDOWS_RUNTIME=$RUNTIME is not Java 25 or newer"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
LAYOUT="$WORK/layout"
mkdir -p "$LAYOUT/app/lib" "$OUT"

# The Windows app layout: Program Files\Uketsuke\{uketsuke.cmd, app\app.jar, app\lib\*.jar[, runtime\]}. The
# launcher goes in as CP932 (cmd.exe's code page on Japanese Windows) with CRLF line ends, with the JVM options every
# start uses filled in.
JVM_OPTIONS="$(sed -n 's/^jvm\.options=//p' "$ROOT/packaging/jvm-options.properties")"
[ -n "$JVM_OPTIONS" ] || die "no jvm.options line in packaging/jvm-options.properties"
sed "s|@JVM_OPTIONS@|$JVM_OPTIONS|" "$SRC/uketsuke.cmd" | iconv -f UTF-8 -t CP932 | sed 's/$/\r/' > "$LAYOUT/uketsuke.cmd"
sed 's/$/\r/' "$SRC/uketsuke.conf" > "$LAYOUT/uketsuke.conf"
# The licence text: the DEB's copyright file (one stanza per model file, ADR 0011), with CRLF line ends.
sed 's/$/\r/' "$ROOT/packaging/src/deb-extra/copyright" > "$LAYOUT/copyright.txt"
cp "$APP_JAR" "$LAYOUT/app/app.jar"
FX_CACHE="$ROOT/packaging/target/javafx-win"
mkdir -p "$FX_CACHE"
for jar in "$ROOT"/app/target/lib/*.jar; do
  name="$(basename "$jar")"
  case "$name" in
    javafx-*-linux.jar)
      # JavaFX's natives are per platform: take the same module's Windows jar from Maven Central.
      win="${name%-linux.jar}-win.jar"
      if [ ! -f "$FX_CACHE/$win" ]; then
        module="${name%-*-linux.jar}"; fxversion="${name#"$module"-}"; fxversion="${fxversion%-linux.jar}"
        mvn -B -ntp -q -f "$ROOT/app/pom.xml" dependency:copy \
            -Dartifact="org.openjfx:$module:$fxversion:jar:win" -DoutputDirectory="$FX_CACHE" >&2 \
            || die "could not fetch org.openjfx:$module:$fxversion:jar:win"
      fi
      cp "$FX_CACHE/$win" "$LAYOUT/app/lib/$win" ;;
    *-linux*.jar) die "$name is Linux-only and has no Windows counterpart known to build-msi.sh" ;;
    *) cp "$jar" "$LAYOUT/app/lib/$name" ;;
  esac
done
[ -z "$RUNTIME" ] || cp -r "$RUNTIME" "$LAYOUT/runtime"
# Training: its jar and every jar of its run-time class path that the program does not ship already.
TRAINING_JAR=""
for jar in "$ROOT"/training/target/training-*.jar; do
  case "$jar" in *-sources.jar) ;; *) if [ -f "$jar" ]; then TRAINING_JAR="$jar"; break; fi ;; esac
done
[ -n "$TRAINING_JAR" ] && [ -d "$ROOT/training/target/lib" ] \
    || die "the training module is not built: mvn -B -ntp -q package -DskipTests"
mkdir -p "$LAYOUT/training"
cp "$TRAINING_JAR" "$LAYOUT/training/training.jar"
for jar in "$ROOT"/training/target/lib/*.jar; do
  name="$(basename "$jar")"
  # What the program ships already (JavaFX there as its Windows jars) is not repeated.
  [ -e "$ROOT/app/target/lib/$name" ] || [ "$name" = "$(basename "$APP_JAR")" ] && continue
  case "$name" in *-linux*.jar) die "training needs $name, which is Linux-only" ;; esac
  cp "$jar" "$LAYOUT/training/$name"
done

# Components for every program file (stable component codes: wixl derives them from the path).
(cd "$WORK" && find layout/app ${RUNTIME:+layout/runtime} -type f | LC_ALL=C sort) \
  | wixl-heat -p layout/ --var var.SourceDir --component-group AppFiles --directory-ref INSTALLDIR --win64 \
  > "$WORK/files.wxs"
(cd "$WORK" && find layout/training -type f | LC_ALL=C sort) \
  | wixl-heat -p layout/ --var var.SourceDir --component-group TrainingFiles --directory-ref INSTALLDIR --win64 \
  > "$WORK/training.wxs"

# Built in the work folder and moved into OUTDIR when complete: a failed build leaves no half MSI behind.
MSI="$WORK/uketsuke-$VERSION-x64.msi"
# wixl wants Source paths relative (it looks them up from the working directory).
(cd "$WORK" && wixl -a x64 -D Version="$VERSION" -D SourceDir=layout -D Win64=yes -o "$MSI" "$SRC/uketsuke.wxs" files.wxs training.wxs)

# What wixl cannot express.
# - Upgrade: the same version upgrades too (Attributes 1 MigrateFeatures + 512 IncludeMaximum), so a rebuilt 0.1.0
#   (every 0.1.0-SNAPSHOT maps to 0.1.0) replaces the installed 0.1.0 instead of installing beside it; the downgrade
#   row (detect only, above this version) stays as wixl wrote it.
# - Condition: the Autostart and Training features (level 1000, above INSTALLLEVEL 1) are installed when
#   AUTOSTART=1 and TRAINING=1.
# - Config: Permanent (16) and NeverOverwrite (128) besides 64-bit (256), so an upgrade or uninstall keeps the
#   installer's configuration.
# - AUTOSTART and TRAINING are secure properties: they reach the elevated install from a non-admin's UI.
printf 'Feature_\tLevel\tCondition\ns38\ti2\tS255\nCondition\tFeature_\tLevel\nAutostart\t1\tAUTOSTART="1"\nTraining\t1\tTRAINING="1"\n' \
  > "$WORK/Condition.idt"
msibuild "$MSI" -i "$WORK/Condition.idt"
msiinfo export "$MSI" Upgrade \
  | awk -F'\t' -v OFS='\t' '{ sub(/\r$/, "") } NR > 3 && $7 == "WIX_UPGRADE_DETECTED" { $5 = 513 } { print }' > "$WORK/Upgrade.idt"
msibuild "$MSI" -i "$WORK/Upgrade.idt"
msibuild "$MSI" -q "UPDATE Component SET Attributes = 400 WHERE Component = 'Config'"
secure="$(msiinfo export "$MSI" Property | awk -F'\t' '{ sub(/\r$/, "") } $1 == "SecureCustomProperties" { print $2 }')"
msibuild "$MSI" -q "UPDATE Property SET Value = 'AUTOSTART;TRAINING${secure:+;$secure}' WHERE Property = 'SecureCustomProperties'"
mv "$MSI" "$OUT/"
ls "$OUT/$(basename "$MSI")"
