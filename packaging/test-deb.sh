#!/usr/bin/env bash
# Installs the DEB on this machine, runs the installed self-check, upgrades to a newer build, then removes and purges
# it, checking what stays and what goes at each step. Needs root (apt-get) and a built reactor.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
# One line per check, "ok - …" or "not ok - …" (./uketsuke test counts them in its summary); the first failure ends it.
fail() { echo "not ok - $*"; echo "packaging test FAILED: $*" >&2; exit 1; }
pass=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }

[ "$(id -u)" -eq 0 ] || fail "needs root to install the package (apt-get install ./uketsuke_*.deb)"
for pkg in uketsuke-training uketsuke; do
  if dpkg-query -W "$pkg" >/dev/null 2>&1; then apt-get purge -y -qq "$pkg" >/dev/null; fi
done

echo "building uketsuke 0.0.1 and 0.0.2"
"$ROOT/packaging/build-deb.sh" 0.0.1 "$OUT/v1" >/dev/null
"$ROOT/packaging/build-deb.sh" 0.0.2 "$OUT/v2" >/dev/null

echo "what each package holds"
# The product must not carry the training or tool parts: no mock backend, virtual card, bench, soak or face
# evaluation class in any jar of uketsuke; the training package must carry the mock backend and the virtual cards.
classes_of() {  # every class file in every jar of DEB $1, one path a line
  local dir; dir="$(mktemp -d "$OUT/x.XXXX")"
  dpkg-deb -x "$1" "$dir"
  find "$dir" -name '*.jar' -print0 | xargs -0 -n1 unzip -Z1 2>/dev/null | grep '\.class$' || true
}
classes_of "$OUT"/v1/uketsuke_0.0.1_amd64.deb > "$OUT/product-classes"
[ "$(grep -c '^org/uketsuke/app/' "$OUT/product-classes")" -gt 0 ] || fail "no app classes found in the product DEB"
for part in mockbackend tools training reader/sim cardfront/sim face/eval; do
  ! grep -q "^org/uketsuke/$part/" "$OUT/product-classes" && ok "product DEB has no org.uketsuke.${part//\//.} classes" \
    || fail "product DEB contains org/uketsuke/$part/: $(grep -m1 "^org/uketsuke/$part/" "$OUT/product-classes")"
done
classes_of "$OUT"/v1/uketsuke-training_0.0.1_amd64.deb > "$OUT/training-classes"
for part in training mockbackend reader/sim; do
  grep -q "^org/uketsuke/$part/" "$OUT/training-classes" && ok "training DEB has org.uketsuke.${part//\//.}" \
    || fail "training DEB lacks org/uketsuke/$part/"
done
! grep -q '^org/uketsuke/app/' "$OUT/training-classes" && ok "training DEB does not repeat the product's classes" \
  || fail "training DEB repeats app classes"

echo "install 0.0.1"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$OUT"/v1/uketsuke_0.0.1_amd64.deb >/dev/null
[ -x /opt/uketsuke/bin/uketsuke ] && ok "launcher installed" || fail "no /opt/uketsuke/bin/uketsuke"
dpkg-query -W -f='${Depends}' uketsuke | grep -q pcscd && ok "Depends names pcscd" || fail "pcscd not in Depends"
for dep in fonts-ipafont-gothic tesseract-ocr-jpn; do dpkg-query -W -f='${Depends}' uketsuke | grep -q "$dep" && ok "Depends names $dep" || fail "$dep not in Depends"; done
/opt/uketsuke/bin/uketsuke --version | grep -q '^uketsuke ' && ok "--version: $(/opt/uketsuke/bin/uketsuke --version)" \
    || fail "--version"
/opt/uketsuke/bin/uketsuke self-check > "$OUT/self-check.json" || { cat "$OUT/self-check.json"; fail "self-check"; }
ok "self-check: $(grep -c '"ok":true' "$OUT/self-check.json") checks passed"
[ -f /etc/uketsuke/uketsuke.conf ] && ok "config created" || fail "no /etc/uketsuke/uketsuke.conf"
[ -d /var/lib/uketsuke ] && ok "data dir created" || fail "no /var/lib/uketsuke"
ls /usr/share/applications/*uketsuke*.desktop >/dev/null 2>&1 && ok "desktop entry" || fail "no desktop entry"
# The developer tools stay out of the product: no tools jar, and the installed CLI knows no bench, soak or face eval.
# (picocli answers "--help" after an unknown word with the top-level usage and exit 0, so the usage is what is read.)
if compgen -G "/opt/uketsuke/lib/app/tools-*.jar" >/dev/null || /opt/uketsuke/bin/uketsuke --help | grep -qwE 'bench|soak|face' \
    || /opt/uketsuke/bin/uketsuke bench >/dev/null 2>&1; then fail "tools in the package"; else ok "no tools in the package"; fi

echo "training package: the demo comes with it and goes with it"
set +e
out="$(/opt/uketsuke/bin/uketsuke demo --headless --once 2>&1)"; rc=$?
set -e
[ "$rc" = 2 ] && grep -qi 'training' <<<"$out" && ok "without uketsuke-training, 'uketsuke demo' exits 2 naming the training package" \
  || fail "demo without the training package: exit $rc: $out"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$OUT"/v1/uketsuke-training_0.0.1_amd64.deb >/dev/null
[ -f /opt/uketsuke/lib/app/extensions/training.jar ] && ok "uketsuke-training installs its jars as extensions" \
  || fail "no /opt/uketsuke/lib/app/extensions/training.jar"
dpkg-query -W -f='${Depends}' uketsuke-training | grep -q 'uketsuke (= 0.0.1)' && ok "uketsuke-training depends on uketsuke (= 0.0.1)" \
  || fail "uketsuke-training's Depends"
DEMO_HOME="$(mktemp -d "$OUT/home.XXXX")"
HOME="$DEMO_HOME" timeout 180 /opt/uketsuke/bin/uketsuke demo --headless --once > "$OUT/demo.json" 2>"$OUT/demo.err" \
  || { sed 's/^/# /' "$OUT/demo.err"; fail "installed demo visit"; }
grep -q '"status":"CONFIRMED"' "$OUT/demo.json" && ok "installed product + training: a headless demo visit is CONFIRMED" \
  || { cat "$OUT/demo.json"; fail "installed demo visit not confirmed"; }
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq uketsuke-training >/dev/null
[ ! -e /opt/uketsuke/lib/app/extensions/training.jar ] && /opt/uketsuke/bin/uketsuke --version >/dev/null \
  && ok "removing uketsuke-training leaves the product working" || fail "after removing uketsuke-training"

echo "configure kiosk autostart, keep data, upgrade to 0.0.2"
sed -i 's/^kiosk_autostart=no/kiosk_autostart=yes/' /etc/uketsuke/uketsuke.conf
echo "patient data" > /var/lib/uketsuke/keep.me
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$OUT"/v2/uketsuke_0.0.2_amd64.deb >/dev/null
[ "$(dpkg-query -W -f='${Version}' uketsuke)" = "0.0.2" ] && ok "upgraded to 0.0.2" || fail "version after upgrade"
grep -q '^kiosk_autostart=yes' /etc/uketsuke/uketsuke.conf && ok "config kept across upgrade" || fail "config lost"
[ -f /var/lib/uketsuke/keep.me ] && ok "data kept across upgrade" || fail "data lost"
[ -f /etc/xdg/autostart/uketsuke-kiosk.desktop ] && ok "kiosk autostart installed" || fail "no autostart entry"
grep -qxF 'Exec=/opt/uketsuke/bin/uketsuke kiosk --config /etc/uketsuke/uketsuke.conf' /etc/xdg/autostart/uketsuke-kiosk.desktop \
  && ok "autostart runs the production kiosk on /etc/uketsuke/uketsuke.conf" || fail "autostart does not run kiosk --config"
/opt/uketsuke/bin/uketsuke self-check >/dev/null && ok "self-check after upgrade" || fail "self-check after upgrade"

echo "remove (keeps config and data)"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq uketsuke >/dev/null
[ ! -e /opt/uketsuke ] && ok "program removed" || fail "/opt/uketsuke left behind"
[ -f /etc/uketsuke/uketsuke.conf ] && [ -f /var/lib/uketsuke/keep.me ] && ok "config and data kept" || fail "remove deleted data"
[ ! -e /etc/xdg/autostart/uketsuke-kiosk.desktop ] && ok "autostart removed" || fail "autostart left"

echo "purge"
dpkg --purge uketsuke >/dev/null
[ ! -e /etc/uketsuke ] && [ ! -e /var/lib/uketsuke ] && ok "purge removed config and data" || fail "purge left files"

echo "packaging: $pass install/upgrade/remove checks ok"
