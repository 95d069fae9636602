#!/usr/bin/env bash
# Puts the TensorFlow.js weights the model converter reads into OUT_DIR, from the npm registry only, each file
# checked against its pinned sha256 (docs/decisions/0011-licence-clear-face-models.md has their licence chain).
# The package tarball is cached in ~/.cache/uketsuke; nothing is fetched at run time.
#   fetch-tfjs-models.sh OUT_DIR
set -euo pipefail
OUT="${1:?out dir}"
CACHE="${UKETSUKE_CACHE:-$HOME/.cache/uketsuke}"
mkdir -p "$OUT" "$CACHE"

# npm @vladmandic/face-api@1.7.15 (MIT), model/: face-api.js's port of dlib's face recognition ResNet (public domain).
declare -A SHA=(
  [face_recognition_model-weights_manifest.json]=cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b
  [face_recognition_model.bin]=b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589
)

valid() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

need=no
for f in "${!SHA[@]}"; do valid "$OUT/$f" "${SHA[$f]}" || need=yes; done
[ "$need" = no ] && exit 0
tgz="$CACHE/vladmandic-face-api-1.7.15.tgz"
if [ ! -f "$tgz" ]; then
  command -v npm >/dev/null || { echo "fetch-tfjs-models: npm is needed to fetch the face weights" >&2; exit 1; }
  (cd "$CACHE" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null)
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for f in "${!SHA[@]}"; do
  tar xzf "$tgz" -C "$tmp" "package/model/$f"
  cp "$tmp/package/model/$f" "$OUT/$f"
  valid "$OUT/$f" "${SHA[$f]}" || { echo "fetch-tfjs-models: sha256 of $f does not match the pinned one" >&2; exit 1; }
done
