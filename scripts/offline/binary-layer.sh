#!/usr/bin/env bash
# Writes a layer tarball holding programs of this machine at the given paths, with every shared
# library they load (as ldd resolves them) and the dynamic loader, for stand-in images of programs no
# reachable registry serves (see README.md, "Stand-ins").
# Usage: binary-layer.sh OUT.tar SOURCE:DEST...   (DEST: the program's path inside the image)
set -euo pipefail
out=$1; shift
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
for pair in "$@"; do
  src=${pair%%:*} dest=${pair#*:}
  mkdir -p "$d/$(dirname "$dest")"
  cp -L "$src" "$d/$dest"
  # "libfoo.so.1 => /lib/x86_64-linux-gnu/libfoo.so.1 (0x...)" and the loader "/lib64/ld-linux-x86-64.so.2 (0x...)"
  ldd "$src" | awk '/=> \// { print $3 } /^\s*\/[^ ]+ \(/ { print $1 }' | while read -r lib; do
    real=$(readlink -f "$lib")
    mkdir -p "$d/$(dirname "$lib")"
    [ -e "$d/$lib" ] || cp -L "$real" "$d/$lib"
  done
done
tar -C "$d" --owner=0 --group=0 -cf "$out" .
