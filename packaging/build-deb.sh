#!/usr/bin/env bash
# Builds the DEB: a jlink runtime with only the modules the app needs, the app's jars, desktop entry, and our
# maintainer scripts (config in /etc/uketsuke, data in /var/lib/uketsuke). Needs the reactor built (mvn package).
#   packaging/build-deb.sh [VERSION [OUTDIR]]   (default: the Maven version without -SNAPSHOT, into out/)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAVEN_VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
VERSION="${1:-${MAVEN_VERSION%-SNAPSHOT}}"
OUT="${2:-$ROOT/out}"
J="${JAVA_HOME:?JAVA_HOME must point at JDK 25}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/input" "$OUT"
cp "$ROOT"/app/target/app-*.jar "$WORK/input/app.jar"
cp "$ROOT"/app/target/lib/*.jar "$WORK/input/"
# The developer tools (bench, soak, face eval) are not an app dependency and must never reach the installer.
if compgen -G "$WORK/input/tools-*.jar" >/dev/null; then echo "build-deb: the tools jar must not be in the DEB" >&2; exit 1; fi

# Modules the jars use, plus those reached by reflection or service lookup that jdeps cannot see.
MODULES="$("$J/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
    --class-path "$WORK/input/*" "$WORK/input/app.jar")"
MODULES="$MODULES,java.smartcardio,jdk.net,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.unsupported,jdk.zipfs,java.net.http"
"$J/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --include-locales=en,ja --output "$WORK/runtime"

"$J/bin/jpackage" --type deb --dest "$OUT" \
    --name uketsuke --app-version "$VERSION" \
    --description "Reception terminal for online qualification (オンライン資格確認)" \
    --vendor "Uketsuke project" \
    --input "$WORK/input" --main-jar app.jar --main-class org.uketsuke.app.Uketsuke \
    --runtime-image "$WORK/runtime" \
    --java-options "--enable-native-access=ALL-UNNAMED" \
    --java-options "--add-opens=java.smartcardio/sun.security.smartcardio=ALL-UNNAMED" \
    --resource-dir "$ROOT/packaging/src/deb" \
    --linux-package-name uketsuke \
    --linux-package-deps "pcscd, libgtk-3-0, libgl1, fonts-noto-cjk, fonts-ipafont-gothic, libtesseract5, tesseract-ocr-jpn, tesseract-ocr-eng" \
    --linux-menu-group "Office" --linux-shortcut \
    --linux-app-category misc
ls "$OUT"/uketsuke_"$VERSION"*.deb
