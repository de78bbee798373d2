#!/usr/bin/env bash
# npm run mutation [MODULE...]: StrykerJS, one module after another (never two at once: two cores).
# Modules: see MODULES in stryker.config.mjs; none given = all. Prints each module's score and time.
set -euo pipefail
cd "$(dirname "$0")/../.."
mods=("$@")
[ ${#mods[@]} -gt 0 ] || mods=(state common cloud-firewall-network semantic manifests pki destroy)
for m in "${mods[@]}"; do
  start=$(date +%s)
  MUTATION_MODULE="$m" npx stryker run stryker.config.mjs
  echo "mutation $m: $(( $(date +%s) - start )) s, report reports/mutation/$m/index.html"
done
