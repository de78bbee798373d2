#!/usr/bin/env bash
# Writes a layer tarball holding the files of installed Debian packages (programs with every library
# they load, as Debian ships them), for images that need a userland program such as iptables.
# Usage: debian-layer.sh OUT.tar PACKAGE...   (the packages must be installed on this machine)
set -euo pipefail
out=$1; shift
list=$(mktemp)
trap 'rm -f "$list"' EXIT
for p in "$@"; do
  dpkg -L "$p" >/dev/null 2>&1 || { echo "debian-layer: package $p is not installed (apt-get install $p)" >&2; exit 1; }
  dpkg -L "$p"
done | grep -vE '^/usr/share/(doc|man|info|lintian|bug)/' | while read -r f; do
  # Files and symlinks only; directories are created by tar from the paths.
  if [ -f "$f" ] || [ -L "$f" ]; then echo "${f#/}"; fi
done | sed -E 's#^(bin|sbin|lib|lib64)/#usr/\1/#' | sort -u > "$list"
# Commands Debian installs through update-alternatives (iptables -> xtables-nft-multi): the
# /usr/sbin link and its /etc/alternatives link, for every alternative that points into the layer.
for link in /usr/bin/* /usr/sbin/*; do
  t=$(readlink "$link" 2>/dev/null) || continue
  case "$t" in /etc/alternatives/*) ;; *) continue ;; esac
  target=$(readlink -f "$link")
  if grep -qx "${target#/}" "$list"; then printf '%s\n%s\n' "${link#/}" "${t#/}"; fi
done >> "$list"
sort -u -o "$list" "$list"
# Debian's merged /usr: /bin, /sbin and /lib are symlinks into /usr; give the image the same.
tar -C / --no-recursion -cf "$out" -T "$list"
tmp=$(mktemp -d)
ln -s usr/bin "$tmp/bin"; ln -s usr/sbin "$tmp/sbin"; ln -s usr/lib "$tmp/lib"; ln -s usr/lib64 "$tmp/lib64"
tar -C "$tmp" -rf "$out" bin sbin lib lib64
rm -rf "$tmp"
