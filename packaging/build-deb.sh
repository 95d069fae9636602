#!/usr/bin/env bash
# Builds two DEBs. `uketsuke`: a jlink runtime with only the modules the app needs, the app's jars, desktop entry,
# and our maintainer scripts (config in /etc/uketsuke, data in /var/lib/uketsuke) — the product, with no mock
# backend, virtual card or tool in it. `uketsuke-training` (optional): the training module (demo kiosk, mock backend,
# virtual cards) and the jars it adds, as extensions in /opt/uketsuke/lib/app/extensions, where the product's
# launcher looks for them (-Duketsuke.extensions). Needs the reactor built (mvn package).
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
TRAINING_JAR=""
for jar in "$ROOT"/training/target/training-*.jar; do
  case "$jar" in *-sources.jar) ;; *) if [ -f "$jar" ]; then TRAINING_JAR="$jar"; break; fi ;; esac
done
[ -n "$TRAINING_JAR" ] && [ -d "$ROOT/training/target/lib" ] \
    || { echo "build-deb: the training module is not built (mvn package)" >&2; exit 2; }
# The JVM options every start uses, one --java-options each.
read -ra options <<< "$(sed -n 's/^jvm\.options=//p' "$ROOT/packaging/jvm-options.properties")"
JAVA_OPTIONS=()
for option in "${options[@]}"; do JAVA_OPTIONS+=(--java-options "$option"); done
cp "$ROOT"/app/target/app-*.jar "$WORK/input/app.jar"
cp "$ROOT"/app/target/lib/*.jar "$WORK/input/"
# JavaFX's native libraries, which the build moved out of its jars to beside them (packaging/javafx-natives.sh).
for library in "$ROOT"/app/target/lib/*.so; do [ ! -f "$library" ] || cp "$library" "$WORK/input/"; done
# Only this platform's native libraries: the jars carry every OS's OpenCV, SQLite, Tesseract and JNA (issue #23).
# prune-natives.sh is checked on its own.
# shellcheck source=/dev/null
. "$ROOT/packaging/prune-natives.sh"
prune_natives linux-x86_64 "$WORK/input"
# JavaFX loads them from beside its jars, not extracted from the jar and hashed at each start; a jar that still holds
# them gives them up here. Stripped like the libraries inside the jars.
"$ROOT/packaging/javafx-natives.sh" "$WORK/input"
compgen -G "$WORK/input/libglass.so" >/dev/null || { echo "build-deb: JavaFX's libraries are missing" >&2; exit 1; }
if command -v strip >/dev/null; then strip --strip-unneeded "$WORK/input"/*.so; fi
# The developer tools (bench, soak, face eval) are not an app dependency and must never reach the installer.
if compgen -G "$WORK/input/tools-*.jar" >/dev/null; then echo "build-deb: the tools jar must not be in the DEB" >&2; exit 1; fi

# Modules the jars use, plus those reached by reflection or service lookup that jdeps cannot see.
# The runtime is the product's, but the training package runs on it too: its jars count (e.g. java.naming for the
# mock backend's TLS), so installing uketsuke-training never needs another runtime.
MODULES="$("$J/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
    --class-path "$WORK/input/*:$ROOT/training/target/lib/*" "$WORK/input/app.jar" "$TRAINING_JAR")"
MODULES="$MODULES,java.smartcardio,jdk.net,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.unsupported,jdk.zipfs,java.net.http"
"$J/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --include-locales=en,ja --output "$WORK/runtime"
# --strip-debug leaves the native libraries' symbol tables (libjvm.so alone 29 → 25 MB without): not needed to run.
if command -v strip >/dev/null; then find "$WORK/runtime" -name '*.so' -exec strip --strip-unneeded {} +; fi

# jpackage's DEB is unpacked and built again below: uncompressed here (dpkg-deb's default xz took minutes of CPU).
DPKG_DEB_COMPRESSOR_TYPE=none "$J/bin/jpackage" --type deb --dest "$OUT" \
    --name uketsuke --app-version "$VERSION" \
    --description "Reception terminal for online qualification (オンライン資格確認)" \
    --vendor "Uketsuke project" \
    --input "$WORK/input" --main-jar app.jar --main-class org.uketsuke.app.Uketsuke \
    --runtime-image "$WORK/runtime" \
    "${JAVA_OPTIONS[@]}" \
    --java-options "-Duketsuke.extensions=\$APPDIR/extensions" \
    --java-options "-Duketsuke.version=$VERSION" \
    --resource-dir "$ROOT/packaging/src/deb" \
    --linux-package-name uketsuke \
    --linux-package-deps "pcscd, adduser, debconf, libgtk-3-0, libgl1, fonts-noto-cjk, fonts-ipafont-gothic, libtesseract5, tesseract-ocr-jpn, tesseract-ocr-eng" \
    --linux-deb-maintainer "packaging@uketsuke.invalid" \
    --linux-app-category misc
DEB="$OUT/uketsuke_${VERSION}_amd64.deb"

# What jpackage cannot put in a DEB, added by unpacking and building it again: the kiosk service, the debconf purge
# question, uketsuke on PATH (with its AOT cache), the menu entry that opens the kiosk and staff console on the installed configuration,
# the docs and the annotated configuration template (generated by the app itself, so it lists the parser's keys).
PKG="$WORK/deb"
dpkg-deb -R "$DEB" "$PKG"
EXTRA="$ROOT/packaging/src/deb-extra"
install -D -m 0644 "$EXTRA/uketsuke-kiosk.service" "$PKG/lib/systemd/system/uketsuke-kiosk.service"
install -D -m 0644 "$EXTRA/uketsuke.desktop" "$PKG/usr/share/applications/uketsuke.desktop"
install -m 0644 "$EXTRA/templates" "$PKG/DEBIAN/templates"
install -m 0755 "$EXTRA/config" "$PKG/DEBIAN/config"
# uketsuke on PATH is a script, not a link to jpackage's launcher: it keeps the per-user AOT cache of the windowed
# starts (jpackage's launcher could only train or only use one; the script's header says why and how).
install -D -m 0755 "$EXTRA/uketsuke" "$PKG/usr/bin/uketsuke"
DOC="$PKG/usr/share/doc/uketsuke"
mkdir -p "$DOC"
install -m 0644 "$EXTRA/copyright" "$DOC/copyright"
install -m 0644 "$ROOT/README.md" "$ROOT/CHANGELOG.md" "$ROOT"/docs/*.md "$DOC/"
"$J/bin/java" -cp "$WORK/input/*" org.uketsuke.app.Uketsuke setup --template > "$DOC/uketsuke.conf.example"
grep -q '^#terminal.id=' "$DOC/uketsuke.conf.example" || { echo "build-deb: no configuration template" >&2; exit 1; }
# Spoken guidance (kiosk.speech, ADR 0010) needs eSpeak NG; recommended, so a counter without speech can leave it out.
sed -i '/^Depends:/a Recommends: espeak-ng' "$PKG/DEBIAN/control"
grep -q '^Recommends: espeak-ng$' "$PKG/DEBIAN/control" || { echo "build-deb: no Recommends line" >&2; exit 1; }
sed -i "s/^Installed-Size:.*/Installed-Size: $(du -sk --exclude=DEBIAN "$PKG" | cut -f1)/" "$PKG/DEBIAN/control"
# zstd -9: smaller than gzip -9 (≈ 5 MB on this DEB) and faster to make; dpkg ≥ 1.21.18 (Debian 12) installs it.
dpkg-deb --root-owner-group -Zzstd -z9 --build "$PKG" "$DEB" >/dev/null
ls "$DEB"

# The training package: the training jar and every jar of its run-time class path the product does not ship.
TR="$WORK/training"
EXT="$TR/opt/uketsuke/lib/app/extensions"
mkdir -p "$TR/DEBIAN" "$EXT" "$TR/usr/share/applications" "$TR/usr/share/doc/uketsuke-training"
cp "$TRAINING_JAR" "$EXT/training.jar"
APP_JARS=("$ROOT"/app/target/app-*.jar)
for jar in "$ROOT"/training/target/lib/*.jar; do
  name="$(basename "$jar")"
  [ -e "$WORK/input/$name" ] || [ "$name" = "$(basename "${APP_JARS[0]}")" ] \
      || cp "$jar" "$EXT/$name"
done
cat > "$TR/usr/share/applications/uketsuke-training.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Uketsuke training demo
Name[ja]=Uketsuke 練習用デモ
Comment=The kiosk on the embedded mock backend and a virtual My Number card (no real patient data)
Exec=/opt/uketsuke/bin/uketsuke demo
Terminal=false
Categories=Office;
DESKTOP
cat > "$TR/usr/share/doc/uketsuke-training/README" <<README
uketsuke-training adds to Uketsuke what a clinic needs to train its staff or to try the terminal: the demo kiosk
("uketsuke demo"), the mock qualification backend ("uketsuke backend") and virtual My Number cards ("uketsuke card
simulate"). None of it is used by the production kiosk; remove this package on a counter that serves patients.
README
cat > "$TR/DEBIAN/control" <<CONTROL
Package: uketsuke-training
Version: $VERSION
Architecture: amd64
Section: misc
Priority: optional
Depends: uketsuke (= $VERSION)
Maintainer: Uketsuke project <packaging@uketsuke.invalid>
Installed-Size: $(du -sk "$TR" | cut -f1)
Description: Uketsuke training: demo kiosk, mock backend and virtual cards
 The optional part of Uketsuke for staff training and trials: the demo kiosk on
 an embedded mock of the national qualification system and virtual My Number
 cards. The production reception terminal does not need it.
CONTROL
dpkg-deb --root-owner-group --build "$TR" "$OUT/uketsuke-training_${VERSION}_amd64.deb" >/dev/null
ls "$OUT"/uketsuke-training_"$VERSION"_amd64.deb
