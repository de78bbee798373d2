#!/bin/sh
# Runs ON the host, sent by `kube-anywhere bootstrap apply` over SSH: applies the Ignition config
# arriving on stdin over the running system's root (the kubernetes-anywhere way), then enables and
# starts what the config enables, the kubelet last.
#   $1  root to apply into (/ on a real host)
#   $2  systemctl program (a test points it at a recording fake: there is no systemd there)
#   $3  where to look for the ignition binary, colon-separated
set -eu
root=$1
systemctl=$2
candidates=$3

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo -n"

ign=""
IFS_SAVED=$IFS; IFS=:
for c in $(command -v ignition 2>/dev/null || true) $candidates; do
  if [ -n "$c" ] && [ -x "$c" ]; then ign=$c; break; fi
done
IFS=$IFS_SAVED
if [ -z "$ign" ]; then
  echo "no ignition binary (looked on PATH and in $candidates); install Ignition (Debian: apt-get install ignition)" >&2
  exit 97
fi

work=$(mktemp -d)
made_selinux_config=""
cleanup() {
  $sudo rm -rf "$work"
  [ -z "$made_selinux_config" ] || $sudo rm -f "$root/etc/selinux/config"
}
trap cleanup EXIT
umask 077
cat > "$work/config.ign"

# Debian's Ignition always relabels (SELinux): it reads ROOT/etc/selinux/config and runs setfiles.
# On a host without SELinux there is nothing to relabel: give it a disabled config (removed again
# afterwards) and a setfiles that does nothing.
if [ ! -d /sys/fs/selinux ]; then
  if [ ! -e "$root/etc/selinux/config" ]; then
    $sudo mkdir -p "$root/etc/selinux"
    printf 'SELINUX=disabled\nSELINUXTYPE=targeted\n' | $sudo tee "$root/etc/selinux/config" >/dev/null
    made_selinux_config=1
  fi
  if ! command -v setfiles >/dev/null 2>&1; then
    mkdir -p "$work/bin"
    printf '#!/bin/sh\nexit 0\n' > "$work/bin/setfiles"
    chmod 755 "$work/bin/setfiles"
    PATH="$work/bin:$PATH"
  fi
fi

for stage in fetch-offline files; do
  $sudo env PATH="$PATH" IGNITION_CONFIG_FILE="$work/config.ign" "$ign" -platform file -root "$root" \
    -config-cache "$work/cache.json" -state-file "$work/state" -neednet "$work/neednet" \
    -log-to-stdout -stage "$stage" >"$work/$stage.log" 2>&1 || { tail -n 20 "$work/$stage.log" >&2; exit 98; }
done

# What the config enables, from the preset Ignition wrote as root (Ignition itself never touches a
# running systemd); read through sudo too, so a root the login user cannot read still enables the units.
units=$($sudo sed -n 's/^enable //p' "$root/etc/systemd/system-preset/20-ignition.preset" 2>/dev/null | LC_ALL=C sort | tr '\n' ' ')
$sudo $systemctl daemon-reload
$sudo $systemctl restart systemd-modules-load.service systemd-sysctl.service
[ -z "$units" ] || $sudo $systemctl enable $units
$sudo $systemctl restart containerd.service
$sudo $systemctl start kubelet-install.service
$sudo $systemctl restart kubelet.service
echo "applied; enabled: $units"
