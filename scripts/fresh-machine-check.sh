#!/usr/bin/env bash
# The fresh-machine check: the README's two commands, `npm install` then `npm test`, on a fresh clone of
# this commit, on a machine without Chromium. Needs root and apt-get (Debian/Ubuntu): it removes Debian's
# chromium package first, so `npm test` has to find that out and install it by itself (see
# test/helpers/test-tools.ts); whatever happens, chromium is installed again at the end.
# Takes about 10 minutes (npm install ~4, npm test ~6); other users of Chromium on this machine lose it
# from after npm install until npm test has installed it again (a minute or so). Usage: bash scripts/fresh-machine-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "fresh-machine-check: needs root and apt-get (it removes and reinstalls Debian's chromium)" >&2
  exit 2
fi

work="$(mktemp -d /tmp/lifa-fresh-machine.XXXXXX)"
restore() {
  status=$?
  if ! command -v chromium >/dev/null 2>&1; then
    echo "fresh-machine-check: installing chromium again"
    apt-get install -y -qq --no-install-recommends chromium >/dev/null || status=1
  fi
  rm -rf "$work"
  exit "$status"
}
trap restore EXIT

commit="$(git -C "$root" rev-parse HEAD)"
echo "fresh-machine-check: fresh clone of ${commit:0:12} in $work"
git clone --quiet --no-checkout "$root" "$work/lifa"
git -C "$work/lifa" checkout --quiet "$commit"

cd "$work/lifa"
echo "fresh-machine-check: npm install"
npm install --no-audit --no-fund </dev/null
# npm install never looks for a browser, so Chromium goes only now: others on this machine lose it for
# as short a time as possible.
echo "fresh-machine-check: removing chromium"
apt-get remove -y -qq chromium >/dev/null
if command -v chromium >/dev/null 2>&1; then
  echo "fresh-machine-check: chromium is still on the PATH after apt-get remove" >&2
  exit 1
fi

echo "fresh-machine-check: npm test"
CI=true npm test </dev/null
command -v chromium >/dev/null 2>&1 || { echo "fresh-machine-check: npm test passed without installing chromium?" >&2; exit 1; }
echo "fresh-machine-check: passed (npm install, then npm test installed Chromium and passed)"
