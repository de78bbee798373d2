# kube-anywhere: make wraps the CLI (dist/bin/kube-anywhere.js). CONFIG= picks another config file,
# ARGS= passes more flags, e.g. `make config ARGS=--defaults`.
CONFIG ?= .config.json
ARGS ?=
CLI = node dist/bin/kube-anywhere.js

.DEFAULT_GOAL := help
.PHONY: help install build config validate render deploy destroy bootstrap certs addons addons-render artifacts machines offline-artifacts test e2e bench

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: ## install system packages for the tests, dependencies, and build
	bash scripts/install-system-deps.sh
	npm ci
	npm run build

dist/bin/kube-anywhere.js: $(shell find bin lib config-schema phases providers bootstrap addons -name '*.ts' -o -name '*.json' 2>/dev/null)
	npm run build

build: dist/bin/kube-anywhere.js ## compile the TypeScript

config: build ## the config wizard -> $(CONFIG)
	$(CLI) config --config $(CONFIG) $(ARGS)

validate: build ## check $(CONFIG): exit 0 valid, 2 invalid
	$(CLI) validate --config $(CONFIG) $(ARGS)

bootstrap: build ## phase 2 alone: PKI + Ignition configs (bare metal: one per host); ARGS="apply HOST" applies one over SSH
	$(CLI) bootstrap $(ARGS) --config $(CONFIG)

certs: build ## every certificate of the cluster with its expiry
	$(CLI) certs status --config $(CONFIG) $(ARGS)

addons: build ## phase 3 alone: render the addons and apply them with kubectl (ARGS=--force, --timeout N)
	$(CLI) addons apply --config $(CONFIG) $(ARGS)

addons-render: build ## phase 3 manifests only: clusters/<name>/addons/NN-<addon>.yaml, schema-checked
	$(CLI) addons render --config $(CONFIG) $(ARGS)

render: build ## all three phases to files (terraform stacks, Ignition, addons); no credentials, no cloud touched
	$(CLI) render --config $(CONFIG) $(ARGS)

deploy: build ## phases 1, 2, 3 on a cloud (ARGS=--yes, --until nodes, --timeout N)
	$(CLI) deploy --config $(CONFIG) $(ARGS)

destroy: build ## destroy the cloud cluster (asks for its name; ARGS=--yes, --purge)
	$(CLI) destroy --config $(CONFIG) $(ARGS)

artifacts: build ## every download (with its checksum URL) and image this config fetches: what an air-gapped site mirrors (ARGS="--output json")
	$(CLI) artifacts --config $(CONFIG) $(ARGS)

machines: build ## local clusters: the machines and their state (ARGS="stop NAME", "start NAME", "exec NAME -- CMD")
	$(CLI) machines $(ARGS) --config $(CONFIG)

VERSION ?= $(shell node -p "require('./config-schema/cluster.schema.json').properties.kubernetesVersion.default")
offline-artifacts: build ## build everything a cluster of VERSION fetches, from the Go module proxy and Debian (cached in ~/.cache/kube-anywhere)
	bash scripts/offline/build-artifacts.sh $(VERSION)

e2e: build offline-artifacts ## terraform against a local AWS emulator (moto); local clusters on systemd-nspawn (root; builds the offline artifacts once)
	npm run test:e2e

test: build ## unit + integration tests (real ignition, etcd, sshd, openssl, tmux)
	npm test

bench: ## benchmark figures (medians of several runs)
	npm run bench
