#!/bin/sh
# Installs a nomen .deb on a fresh Debian 12 system and runs it there.
#
# The fresh system is a minimal bookworm root made by debootstrap (no Swift
# toolchain, no ICU or SQLite, none of this machine's build environment);
# inside it, as root in a chroot, apt-get installs the package from the
# Debian mirror with its dependencies, then check_deb.sh --install checks the
# package's files and libraries, runs the installed nomen (normalize and
# annotate on the embedded seed glossary), finds its man page and removes it.
#
# Needs root, debootstrap (Debian package `debootstrap`) and the Debian
# mirror; takes about two minutes, most of it debootstrap.
#
# Usage: tools/package/check_deb_fresh.sh nomen_VERSION_ARCH.deb [ROOT_DIR]
#   ROOT_DIR: where to make the fresh system (default: a new temporary
#   directory, removed afterwards); an existing one is reused as it is.
set -eu

deb=${1:?usage: check_deb_fresh.sh nomen_VERSION_ARCH.deb [ROOT_DIR]}
fail() { echo "check_deb_fresh.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap and chroot)"
command -v debootstrap > /dev/null || fail "needs debootstrap (apt-get install debootstrap)"
[ -f "$deb" ] || fail "no such file: $deb"
here=$(cd "$(dirname "$0")" && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ -n "${2:-}" ]; then
    root=$2
    keep=yes
else
    root=$(mktemp -d)
    keep=no
fi

mounted=""
cleanup() {
    for point in $mounted; do umount "$point" 2> /dev/null || umount -l "$point" 2> /dev/null || true; done
    if [ "$keep" = no ]; then rm -rf "$root"; fi
}
trap cleanup EXIT INT TERM

if [ ! -x "$root/usr/bin/apt-get" ]; then
    echo "check_deb_fresh.sh: making a fresh Debian 12 root in $root"
    debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 \
        || fail "debootstrap failed; see $root.debootstrap.log"
    rm -f "$root.debootstrap.log"
fi

# What the fresh system must not have before the install: proof it is fresh.
for absent in usr/bin/swift usr/bin/nomen; do
    [ -e "$root/$absent" ] && fail "$root is not fresh: it has /$absent"
done
if chroot "$root" dpkg-query -W -f='${Status}' libicu72 2> /dev/null | grep -q "install ok installed"; then
    fail "$root is not fresh: libicu72 is already installed"
fi

mount -t proc proc "$root/proc" && mounted="$root/proc $mounted"
mount --bind /dev "$root/dev" && mounted="$root/dev $mounted"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/tmp/nomen-check"
cp "$deb" "$here/check_deb.sh" "$root/tmp/nomen-check/"

# man-db and the libc's ldd are what a user's machine has and what the check uses.
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c 'apt-get update -qq && apt-get install -y -qq man-db > /dev/null' \
    || fail "apt-get in the fresh system failed"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh /tmp/nomen-check/check_deb.sh --install "/tmp/nomen-check/$(basename "$deb")" \
    || fail "the package does not install or run on a fresh Debian 12"
echo "check_deb_fresh.sh: $(basename "$deb") installs and runs on a fresh Debian 12 ($(cat "$root/etc/debian_version"))"
