#!/bin/sh
# Runs ON a node as root (providers/common/node-access.ts writeNodeFiles): writes the files that
# arrive on stdin, all or none. stdin holds, for each file, a header line
#   <absolute path> <octal mode> <uid> <gid>
# and one line with its content in base64. Each file is first written as <path>.ka-new with its
# owner and mode; only when every file is written does each replace its old copy (a rename is
# atomic). A failure half-way removes the new copies and leaves every old file as it was.
set -eu
umask 077
written=$(mktemp)
cleanup() {
  while read -r p; do rm -f "$p.ka-new"; done < "$written"
  rm -f "$written"
}
trap cleanup EXIT
while read -r path mode uid gid; do
  read -r data
  mkdir -p "$(dirname "$path")"
  echo "$path" >> "$written"
  printf '%s' "$data" | base64 -d > "$path.ka-new"
  chown "$uid:$gid" "$path.ka-new"
  chmod "$mode" "$path.ka-new"
done
while read -r path; do mv -f "$path.ka-new" "$path"; done < "$written"
