#!/usr/bin/env bash
# Debian packages the tests run for real: Ignition, etcd, OpenSSH server, tmux (wizard), GNU time (bench).
# terraform and moto (the AWS emulator) come with the machine image (see ../shared/TESTBED.md).
set -euo pipefail
PKGS=(ignition etcd-server etcd-client openssh-server openssh-client tmux time openssl)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
