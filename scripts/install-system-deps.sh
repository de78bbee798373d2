#!/usr/bin/env bash
# Debian packages the tests run for real: Ignition, etcd, OpenSSH server, sudo (bootstrap apply as a
# non-root user), tmux (wizard), GNU time (bench);
# for local clusters (phase1.cloudProvider "local"): systemd-nspawn, debootstrap, HAProxy, a registry,
# iptables; for `make offline-artifacts`: what the images carry (iptables and its libraries, busybox,
# conntrack) and setcap. terraform and moto (the AWS emulator) come with the machine image.
set -euo pipefail
PKGS=(ignition etcd-server etcd-client openssh-server openssh-client sudo tmux time openssl
      systemd-container debootstrap haproxy docker-registry iptables curl python3
      busybox-static conntrack libcap2-bin gcc libc6-dev)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
