#!/usr/bin/env bash
# Puts the face models (and the test images) where the build wants them, from package registries only, and checks
# every file against its pinned sha256. Downloads are cached in ~/.cache/uketsuke; nothing is fetched at run time.
#   fetch-models.sh MODEL_DIR [TEST_IMAGE_DIR [DEMO_DIR]]
set -euo pipefail
MODELS="${1:?model dir}"
IMAGES="${2:-}"
DEMO="${3:-}"
CACHE="${UKETSUKE_CACHE:-$HOME/.cache/uketsuke}"
mkdir -p "$MODELS" "$CACHE"

# npm faceplugin-face-recognition-js@0.0.1 (package licence MIT; provenance of the weights unknown: see MODELS.md)
declare -A MODEL_SHA=(
  [fr_detect.onnx]=6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854
  [fr_landmark.onnx]=f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258
  [fr_feature.onnx]=87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581
)
# Debian python3-skimage 0.19.3 test images: astronaut.png (Eileen Collins, NASA, public domain) and camera.png
# (a photographer, CC0 by Lav Varshney) — two identities whose rights allow use.
declare -A IMAGE_SHA=(
  [astronaut.png]=88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5
  [camera.png]=b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a
)

valid() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

need=no
for f in "${!MODEL_SHA[@]}"; do valid "$MODELS/$f" "${MODEL_SHA[$f]}" || need=yes; done
if [ "$need" = yes ]; then
  tgz="$CACHE/faceplugin-face-recognition-js-0.0.1.tgz"
  if [ ! -f "$tgz" ]; then
    command -v npm >/dev/null || { echo "fetch-models: npm is needed to fetch the face models" >&2; exit 1; }
    (cd "$CACHE" && npm pack --silent faceplugin-face-recognition-js@0.0.1 >/dev/null)
  fi
  tmp="$(mktemp -d)"
  tar xzf "$tgz" -C "$tmp" package/model/fr_detect.onnx package/model/fr_landmark.onnx package/model/fr_feature.onnx
  for f in "${!MODEL_SHA[@]}"; do
    cp "$tmp/package/model/$f" "$MODELS/$f"
    valid "$MODELS/$f" "${MODEL_SHA[$f]}" || { echo "fetch-models: sha256 of $f does not match the pinned one" >&2; exit 1; }
  done
  rm -rf "$tmp"
fi

if [ -n "$IMAGES" ]; then
  mkdir -p "$IMAGES"
  if [ ! -f "$IMAGES/astronaut.png" ] || [ ! -f "$IMAGES/camera.png" ]; then
    deb="$(ls "$CACHE"/python3-skimage_*_all.deb 2>/dev/null | head -1 || true)"
    if [ -z "$deb" ]; then
      (cd "$CACHE" && apt-get download python3-skimage >/dev/null 2>&1) || {
        apt-get update -qq >/dev/null 2>&1 && (cd "$CACHE" && apt-get download python3-skimage >/dev/null); }
      deb="$(ls "$CACHE"/python3-skimage_*_all.deb | head -1)"
    fi
    tmp="$(mktemp -d)"
    dpkg-deb -x "$deb" "$tmp"
    for f in "${!IMAGE_SHA[@]}"; do cp "$tmp/usr/lib/python3/dist-packages/skimage/data/$f" "$IMAGES/$f"; done
    rm -rf "$tmp"
  fi
  for f in "${!IMAGE_SHA[@]}"; do
    valid "$IMAGES/$f" "${IMAGE_SHA[$f]}" || { echo "fetch-models: $f does not match its pinned sha256" >&2; exit 1; }
  done
fi

# The demo's recorded camera frames: the public-domain portrait, shipped in the jar.
if [ -n "$IMAGES" ] && [ -n "$DEMO" ]; then
  mkdir -p "$DEMO"
  cp "$IMAGES/astronaut.png" "$DEMO/portrait.png"
  # The mismatch persona's chip photo (issue #10): someone else than the recorded face (skimage's cameraman, CC0).
  cp "$IMAGES/camera.png" "$DEMO/other-person.png"
fi
