#!/usr/bin/env bash
# Moves the native libraries out of the JavaFX jars a build copies (Linux: javafx-*-linux.jar) into the folder beside
# them, where JavaFX's NativeLibLoader looks first. Left in the jar, every start reads each library from the jar,
# hashes it and its copy in ~/.openjfx/cache with MD5 (2.5 MB, glass's GTK library alone 2.1 MB) and reads it again:
# ≈ 0.15 s of CPU in every cold start (docs/tuning.md, eleventh round). Used for target/lib (what ./uketsuke runs) and
# the DEB's application folder. Idempotent: a jar without libraries is left as it is; a library already beside its jar
# is replaced by the jar's. Windows (the MSI) keeps JavaFX's own cache: its loader looks in ../bin there.
#   javafx-natives.sh FOLDER_OF_JARS
set -euo pipefail
[ -d "$1" ] || exit 0 # a module without runtime dependencies copied
folder="$(cd "$1" && pwd)"
for jar in "$folder"/javafx-*-linux.jar; do
  [ -f "$jar" ] || continue
  libraries="$(unzip -Z1 "$jar" | { grep -E '^lib[^/]+\.so$' || true; })"
  [ -n "$libraries" ] || continue
  # shellcheck disable=SC2086 # one entry name per word
  unzip -q -o "$jar" $libraries -d "$folder"
  # shellcheck disable=SC2086
  zip -q -d "$jar" $libraries
done
