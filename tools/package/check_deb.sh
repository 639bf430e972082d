#!/bin/sh
# Checks a nomen .deb as a fresh Debian 12 machine would receive it:
# its dependencies are Debian packages only (no Swift toolchain), every
# shared library the binary needs is on the system and belongs to one of
# them, the files are where the package says, and the binary runs from the
# unpacked package with no Swift libraries on any path.
#
# With --install (as root, on a Debian 12 machine), it first installs the
# package with apt-get (pulling libicu72, libsqlite3-0 and libxml2: on a fresh
# machine the library checks below need them), then checks, runs the
# installed nomen and its man page, and removes it again.
#
# Usage: tools/package/check_deb.sh [--install] nomen_VERSION_ARCH.deb
set -eu

install=no
if [ "${1:-}" = "--install" ]; then install=yes; shift; fi
deb=${1:?usage: check_deb.sh [--install] nomen_VERSION_ARCH.deb}
fail() { echo "check_deb.sh: $*" >&2; exit 1; }

depends=$(dpkg-deb --field "$deb" Depends)
for needed in libicu72 libsqlite3-0; do
    echo "$depends" | grep -q "$needed" || fail "Depends lacks $needed: $depends"
done
echo "$depends" | grep -qi swift && fail "Depends names Swift: $depends"

if [ "$install" = yes ]; then
    [ "$(id -u)" = 0 ] || fail "--install needs root"
    apt-get install -y "$(readlink -f "$deb")"
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb --extract "$deb" "$root"
for file in usr/bin/nomen usr/share/man/man1/nomen.1.gz usr/share/bash-completion/completions/nomen \
            usr/share/zsh/vendor-completions/_nomen usr/share/fish/vendor_completions.d/nomen.fish; do
    [ -e "$root/$file" ] || fail "the package has no /$file"
done

# Every library the binary loads must come from a package it depends on (or libc's own).
ldd "$root/usr/bin/nomen" | grep -q "not found" && fail "missing libraries: $(ldd "$root/usr/bin/nomen" | grep 'not found')"
ldd "$root/usr/bin/nomen" | grep -qi swift && fail "the binary links Swift libraries: $(ldd "$root/usr/bin/nomen" | grep -i swift)"
for library in $(ldd "$root/usr/bin/nomen" | awk '/=>/ { print $3 }'); do
    owner=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | cut -d: -f1 | head -n 1) || owner=""
    [ -z "$owner" ] && owner=$(dpkg -S "$library" 2>/dev/null | cut -d: -f1 | head -n 1)
    case "$owner" in
        libc6|libstdc++6|libgcc-s1|libicu72|libsqlite3-0|libxml2|zlib1g|liblzma5) ;;
        *) fail "$library comes from \"$owner\", which the package does not depend on" ;;
    esac
done

run() {
    binary=$1
    home=$(mktemp -d)
    out=$(printf 'Lương Cường\n' | env -i PATH=/usr/bin:/bin HOME="$home" "$binary" normalize --fold)
    [ "$out" = "luong cuong" ] || fail "$binary normalize --fold gave \"$out\""
    out=$(echo 'Ông Tập Cận Bình đến Hải Phòng.' | env -i PATH=/usr/bin:/bin HOME="$home" "$binary" annotate --rewrite --lang en 2>/dev/null)
    [ "$out" = "Ông Xi Jinping đến Hai Phong." ] || fail "$binary annotate --rewrite gave \"$out\""
    rm -rf "$home"
}
run "$root/usr/bin/nomen"
echo "check_deb.sh: $(basename "$deb"): dependencies, files and libraries are right; the unpacked binary runs"

if [ "$install" = yes ]; then
    run /usr/bin/nomen
    man -w nomen > /dev/null || fail "man nomen finds no page"
    apt-get remove -y nomen
    echo "check_deb.sh: installed with apt-get, ran /usr/bin/nomen, removed"
fi
