#!/usr/bin/env bash
# Proves the README's two Quick start lines work on a fresh Debian 12 machine,
# as root, as a new user would: a minbase bookworm chroot that shares nothing
# with this host except the kernel, a clone of the committed HEAD (so uncommitted
# or untracked files here cannot make it pass), and /work/shared beside it.
#
# Usage: scripts/clean_machine_check.sh [--fresh] [CHROOT_DIR]
#   CHROOT_DIR  default /var/tmp/imr-clean/root (kept afterwards for reuse)
#   --fresh     delete CHROOT_DIR and debootstrap it again
# Logs: CHROOT_DIR/../logs/quickstart-{1,2}.log
# Needs root (debootstrap, mount, chroot).
set -euo pipefail

fresh=0
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
root=${1:-/var/tmp/imr-clean/root}
repo=$(cd "$(dirname "$0")/.." && pwd)
logs=$(dirname "$root")/logs
mirror=http://deb.debian.org/debian

[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 2; }

# Same extraction as .ci/run, so this checks what the README actually says.
quickstart_line() {
  awk '/^## Quick start/{q=1} q&&/^```sh/{b=1;next} b&&/^```/{exit} b{print}' \
    "$repo/README.md" | sed -n "${1}p"
}
line1=$(quickstart_line 1)
line2=$(quickstart_line 2)
[ -n "$line1" ] && [ -n "$line2" ] || { echo "no Quick start lines in README.md" >&2; exit 2; }

command -v debootstrap >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap
}

# Refuse to rm -rf while something is still mounted inside, or we would wipe
# the host's /dev through the bind mount.
if ((fresh)) && [ -d "$root" ]; then
  if grep -q " $root/" /proc/mounts; then
    echo "$root has mounts inside; unmount them first" >&2; exit 2
  fi
  rm -rf "$root"
fi

# The marker file is written last, so a debootstrap that died half-way is redone.
if [ ! -f "$root/.debootstrap-done" ]; then
  rm -rf "$root"
  mkdir -p "$root"
  debootstrap --variant=minbase bookworm "$root" "$mirror"
  touch "$root/.debootstrap-done"
fi

mounted=()
cleanup() {
  # Reverse order: /dev/pts style nesting must come off before its parent.
  local i
  for ((i=${#mounted[@]}-1; i>=0; i--)); do
    umount -l "${mounted[i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT
mount_in() {  # mount_in TYPE|--bind SRC TARGET
  mkdir -p "$3"
  if [ "$1" = --bind ]; then mount --bind "$2" "$3"; else mount -t "$1" "$2" "$3"; fi
  mounted+=("$3")
}
mount_in proc proc "$root/proc"
mount_in sysfs sys "$root/sys"
mount_in --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"

in_chroot() {
  # Clean environment: nothing from this host's shell (PATH tweaks, CC, CMAKE_*)
  # may leak into what is meant to be a new user's session.
  chroot "$root" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# A new user needs git to get the code; that is the only thing installed before
# the README takes over.
in_chroot bash -c 'command -v git >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends git ca-certificates; }'

# Start from a pristine checkout every run, so a previous run's build/ and out/
# cannot help the next one.
rm -rf "$root/work/main" "$root/work/shared"
mkdir -p "$root/work"
git clone --quiet --no-local "$repo" "$root/work/main"
echo "cloned $(git -C "$root/work/main" log -1 --format='%h %s')"
cp -a /work/shared "$root/work/shared"

mkdir -p "$logs"
status=0
run_line() {  # run_line N COMMAND
  local n=$1 cmd=$2 log="$logs/quickstart-$1.log" start rc
  echo "=== Quick start line $n: $cmd"
  echo "    log: $log"
  start=$(date +%s)
  set +e
  in_chroot bash -c "cd /work/main && $cmd" >"$log" 2>&1
  rc=$?
  set -e
  echo "=== line $n: exit $rc after $(( $(date +%s) - start ))s"
  ((rc == 0)) || { status=1; tail -n 30 "$log" | sed 's/^/    | /'; }
}
run_line 1 "$line1"
run_line 2 "$line2"

echo "chroot kept at $root"
exit $status
