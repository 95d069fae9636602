#!/usr/bin/env bash
# Every model file (*.onnx) in the jars under DIR must have its own stanza in the copyright text COPYRIGHT (the DEB's
# copyright file, the MSI's copyright.txt): a "Files:" line naming the jar ("*/NAME-*.jar") and the file, with
# "Copyright:" and "License:" lines in the same stanza (docs/decisions/0011-licence-clear-face-models.md).
# Prints each model as "JAR<TAB>ENTRY"; exits 1 naming the first one without a stanza, 2 when no model was found.
#   model-licences.sh COPYRIGHT DIR
set -euo pipefail
COPYRIGHT="${1:?copyright file}"
DIR="${2:?folder of jars}"
found=0
while IFS= read -r -d '' jar; do
  base="$(basename "$jar")"
  artifact="${base%%-[0-9]*}"
  [ "$artifact" != "$base" ] || artifact="${base%.jar}"
  while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    found=$((found + 1))
    printf '%s\t%s\n' "$base" "$entry"
    # Paragraph mode: one stanza a record; the Files: line must name both the jar and the file's name.
    tr -d '\r' < "$COPYRIGHT" | awk -v RS= -v jar="*/$artifact-*.jar" -v file="${entry##*/}" '
      { n = split($0, line, "\n"); files = 0; c = 0; l = 0
        for (i = 1; i <= n; i++) {
          if (line[i] ~ /^Files: / && index(line[i], jar) && index(line[i], file)) files = 1
          if (line[i] ~ /^Copyright: /) c = 1
          if (line[i] ~ /^License: /) l = 1
        }
        if (files && c && l) { hit = 1; exit } }
      END { exit hit ? 0 : 1 }' \
      || { echo "model-licences: $base!$entry has no stanza in $COPYRIGHT" >&2; exit 1; }
  done < <(unzip -Z1 "$jar" 2>/dev/null | grep '\.onnx$' || true)
done < <(find "$DIR" -name '*.jar' -print0 | sort -z)
[ "$found" -gt 0 ] || { echo "model-licences: no model file in the jars under $DIR" >&2; exit 2; }
