#!/usr/bin/env bash
# Drops BouncyCastle's jar signature from the copies a module's build puts in target/lib (what ./uketsuke and the
# installers run). We use BouncyCastle's lightweight API only (Argon2, certificate and OCSP/CRL builders), never as a
# JCE provider, so nothing needs the signature; kept, it made every start verify the jar (the manifest's per-class
# digests) and kept its classes out of the AOT cache ("Skipping …: Signed JAR"). The manifest keeps its main section
# (the per-entry digest sections go with the signature: 0.85 MB of bcprov's manifest was parsed at each start).
# Idempotent: a jar without signature files is left as it is.
#   unsign-jars.sh FOLDER_OF_JARS
set -euo pipefail
[ -d "$1" ] || exit 0 # a module without runtime dependencies copied
folder="$(cd "$1" && pwd)"
for jar in "$folder"/bc*-jdk18on-*.jar; do
  [ -f "$jar" ] || continue
  signatures="$(unzip -Z1 "$jar" | { grep -E '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$' || true; })"
  [ -n "$signatures" ] || continue
  tmp="$(mktemp -d)"
  mkdir "$tmp/META-INF"
  # The main section ends at the first empty line (lines end in CR LF).
  unzip -p "$jar" META-INF/MANIFEST.MF | sed '/^\r\{0,1\}$/,$d' >"$tmp/META-INF/MANIFEST.MF"
  printf '\r\n' >>"$tmp/META-INF/MANIFEST.MF"
  # shellcheck disable=SC2086 # one entry name per word
  zip -q -d "$jar" $signatures
  (cd "$tmp" && zip -q "$jar" META-INF/MANIFEST.MF)
  rm -rf "$tmp"
done
