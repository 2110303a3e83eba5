#!/usr/bin/env bash
# The fresh-machine check: the README's commands, `npm install` then `npm test`, on a fresh clone of this
# commit, on a machine without Chromium and without a CJK font. Needs root and apt-get (Debian/Ubuntu).
#
#   bash scripts/fresh-machine-check.sh             in a throwaway copy of this machine (the default)
#   bash scripts/fresh-machine-check.sh --in-place  on this machine itself (a disposable CI machine)
#
# The default leaves this machine alone, so that it can run where others are using Chromium: it starts a
# private mount namespace (unshare), lays an overlay over / whose writable layer is a tmpfs, and runs the
# check chrooted into that overlay. There `apt-get remove` really removes Debian's chromium and
# fonts-wqy-microhei, `npm install` really downloads from the registry (with an empty npm cache), and
# `npm test` really installs them again with apt-get; every file written lands in the tmpfs and is gone
# when the check ends. Processes share this machine's network and process table (the tests pick free
# ports). No container runtime is needed, only the kernel's overlayfs.
#
# In the fresh clone, once the two packages are removed, the check runs:
#   1. `npm install` (empty cache): only the EBADENGINE warnings the README names may appear;
#   2. `npm test` as an unprivileged user (it cannot install): it must stop before any test with one line
#      saying what to install;
#   3. `npm test` with LIFA_CHROMIUM naming no program: it must stop with one line, installing nothing;
#   4. `CI=true npm test` as root: it must say it is installing chromium and the font, install them with
#      apt-get, and pass (typecheck, lint and every test).
# As long as `npm install` from an empty cache plus `npm test` (55 minutes on a busy two-core machine).
# --in-place installs chromium and the font again at the end, whatever
# happened. Exit 0 when every step passed, 1 when one failed, 2 when the machine cannot run the check.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
script="$root/scripts/fresh-machine-check.sh"
export DEBIAN_FRONTEND=noninteractive
# What `npm test` must find missing, then install (see test/helpers/test-tools.ts).
removed_packages=(chromium fonts-wqy-microhei)
# The EBADENGINE warnings the README explains (used only by `npm run dist`; they load on Node 20).
allowed_engine_warnings='^(@electron/rebuild|node-abi)@'

say() { echo "fresh-machine-check: $*"; }
fail() {
  echo "fresh-machine-check: FAILED: $*" >&2
  exit 1
}
usage() {
  echo "fresh-machine-check: $*; usage: bash scripts/fresh-machine-check.sh [--in-place]" >&2
  exit 2
}

# The check itself, in the current root (the overlay's, or this machine's with --in-place).
check() {
  local commit="$1" work
  work="$(mktemp -d /tmp/lifa-fresh-clone.XXXXXX)"
  chmod 755 "$work"
  say "fresh clone of ${commit:0:12} in $work"
  git clone --quiet --no-local --no-checkout "$root" "$work/lifa"
  git -C "$work/lifa" checkout --quiet "$commit"
  cd "$work/lifa"

  say "npm install (empty npm cache)"
  export npm_config_cache="$work/npm-cache"
  npm install --no-audit --no-fund </dev/null 2>&1 | tee "$work/npm-install.log" || fail "npm install failed"
  local engines
  engines="$(sed -n "s/.*EBADENGINE *package: '\([^']*\)'.*/\1/p" "$work/npm-install.log" | tr '\n' ' ')"
  say "EBADENGINE warnings: ${engines:-none}"
  local unexplained
  unexplained="$(tr ' ' '\n' <<<"$engines" | grep -v '^$' | grep -Ev "$allowed_engine_warnings" || true)"
  [ -z "$unexplained" ] || fail "npm install warned about engines the README does not explain: $unexplained"

  # npm install never looks for a browser, so the packages go only now (with --in-place, others on the
  # machine lose them for as short a time as possible).
  say "removing ${removed_packages[*]}"
  apt-get remove -y -qq "${removed_packages[@]}" >/dev/null
  ! command -v chromium >/dev/null 2>&1 || fail "chromium is still on the PATH after apt-get remove"
  [ -z "$(fc-list :lang=zh family 2>/dev/null)" ] || fail "a CJK font is still installed after apt-get remove"

  say "npm test as an unprivileged user: must stop with one line"
  mkdir -p "$work/home" && chmod 777 "$work/home"
  local out status=0
  out="$(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$work/home" npm_config_cache="$work/home/.npm" \
    npm test --silent 2>&1 </dev/null)" || status=$?
  echo "$out"
  [ "$status" != 0 ] || fail "npm test passed without a browser"
  [ "$(wc -l <<<"$out")" = 1 ] || fail "npm test said more than one line"
  grep -q '^lifa: the tests need Chromium.*sudo apt-get install -y chromium fonts-wqy-microhei' <<<"$out" ||
    fail "the line does not say to install chromium and fonts-wqy-microhei"

  say "npm test with LIFA_CHROMIUM naming no program: must stop with one line"
  status=0
  out="$(LIFA_CHROMIUM=/nonexistent/chromium npm test --silent 2>&1 </dev/null)" || status=$?
  echo "$out"
  [ "$status" != 0 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q '^lifa: LIFA_CHROMIUM=' <<<"$out" ||
    fail "a LIFA_CHROMIUM naming no program did not stop npm test with one line"
  ! command -v chromium >/dev/null 2>&1 || fail "chromium was installed although LIFA_CHROMIUM was wrong"

  say "CI=true npm test as root: must install chromium and the font, then pass"
  CI=true npm test </dev/null 2>&1 | tee "$work/npm-test.log" || fail "npm test failed (see above)"
  grep -q '^lifa: installing chromium, fonts-wqy-microhei with apt-get' "$work/npm-test.log" ||
    fail "npm test did not say it was installing chromium and the font"
  command -v chromium >/dev/null 2>&1 || fail "npm test passed without installing chromium"
  cd /
  rm -rf "$work"
  say "passed: npm install, then npm test installed Chromium and the CJK font by itself and passed"
}

# Inside the private mount namespace: the overlay, then the check chrooted into it.
in_overlay() {
  local base="$1" commit="$2" status=0
  mount --make-rprivate /
  mount -t tmpfs -o size=8g,mode=755 lifa-fresh-machine "$base"
  mkdir "$base/upper" "$base/work" "$base/root"
  mount -t overlay lifa-fresh-machine -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root"
  for dir in proc sys dev; do mount --rbind "/$dir" "$base/root/$dir"; done
  chroot "$base/root" /usr/bin/env -i PATH="$PATH" HOME=/root TERM="${TERM:-dumb}" LANG="${LANG:-C.UTF-8}" \
    bash "$script" --run-check "$commit" || status=$?
  # Anything the tests left running inside the overlay is ours: end it before the overlay goes.
  local proc
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$base/root" ] && kill -9 "${proc#/proc/}" 2>/dev/null || true
  done
  return "$status"
}

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "fresh-machine-check: needs root and apt-get (it removes and installs Debian packages)" >&2
  exit 2
fi

case "${1:-}" in
  --run-check) check "$2" ;;
  --in-overlay) in_overlay "$2" "$3" ;;
  --in-place)
    [ $# = 1 ] || usage "unexpected argument ${2:-}"
    restore() {
      local status=$?
      say "installing ${removed_packages[*]} again"
      apt-get install -y -qq --no-install-recommends "${removed_packages[@]}" >/dev/null || status=1
      exit "$status"
    }
    trap restore EXIT
    check "$(git -C "$root" rev-parse HEAD)"
    ;;
  '')
    for tool in unshare chroot setpriv; do
      command -v "$tool" >/dev/null 2>&1 || usage "needs $tool for the throwaway copy (or use --in-place on a disposable machine)"
    done
    grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null ||
      usage "the kernel has no overlayfs (use --in-place on a disposable machine)"
    base="$(mktemp -d /tmp/lifa-fresh-machine.XXXXXX)"
    trap 'rmdir "$base" 2>/dev/null || true' EXIT
    say "working in a throwaway copy of this machine (overlay on tmpfs at $base, seen by this check only)"
    unshare --mount bash "$script" --in-overlay "$base" "$(git -C "$root" rev-parse HEAD)"
    ;;
  *) usage "unknown argument $1" ;;
esac
