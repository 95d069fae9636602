#!/usr/bin/env bash
# Sourced by the build scripts: removes from the copied jars the native libraries of every platform but the target's
# (OpenCV, sqlite-jdbc, tess4j/lept4j, JNA each carry all of them: ~100 MB in the DEB before, issue #23). The loaders
# pick their library by os.name/os.arch, so the target's own stays where they look for it.
#   prune_natives linux-x86_64|windows-x86_64 FOLDER_OF_JARS
prune_natives() {
  local target="$1" folder="$2" keep jar
  local natives='^(nu/pattern/opencv/(linux|osx|windows)/|org/sqlite/native/|win32-[^/]+/|com/sun/jna/[a-z0-9]+-[a-z0-9-]+/)'
  case "$target" in
    linux-x86_64) keep='^(nu/pattern/opencv/linux/x86_64/|org/sqlite/native/Linux/x86_64/|com/sun/jna/linux-x86-64/)' ;;
    windows-x86_64) keep='^(nu/pattern/opencv/windows/x86_64/|org/sqlite/native/Windows/x86_64/|win32-x86-64/|com/sun/jna/win32-x86-64/)' ;;
    *) echo "prune_natives: unknown target $target" >&2; return 2 ;;
  esac
  for jar in "$folder"/*.jar; do
    # grep finds nothing in most jars: not an error here.
    unzip -Z1 "$jar" | { grep -E "$natives" || true; } | { grep -vE "$keep" || true; } | xargs -r zip -q -d "$jar" >/dev/null
  done
  # tess4j's own tessdata (6 MB packed): the card-front OCR reads the system's (tesseract-ocr-jpn/-eng; the data folders
  # in card-front's TesseractOcr), never the jar's.
  for jar in "$folder"/tess4j-*.jar; do
    [ -f "$jar" ] || continue
    unzip -Z1 "$jar" | { grep -E '^tessdata/.' || true; } | xargs -r zip -q -d "$jar" >/dev/null
  done
  [ "$target" = linux-x86_64 ] && strip_jar_libraries "$folder"
  return 0
}

# The Linux libraries inside the jars lose their symbol tables (strip --strip-unneeded; the dynamic symbols the loader
# needs stay): OpenCV's 65 MB library becomes 58 MB, 1.5 MB less in the DEB. Skipped where binutils is missing.
strip_jar_libraries() {
  local folder="$1" jar lib tmp
  command -v strip >/dev/null || return 0
  tmp="$(mktemp -d)"
  for jar in "$folder"/*.jar; do
    while IFS= read -r lib; do
      (cd "$tmp" && unzip -q -o "$jar" "$lib" && strip --strip-unneeded "$lib" && zip -q "$jar" "$lib")
    done < <(unzip -Z1 "$jar" | { grep -E '\.so$' || true; })
  done
  rm -rf "$tmp"
}
