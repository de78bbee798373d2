# kube-anywhere: make wraps the CLI (dist/bin/kube-anywhere.js). CONFIG= picks another config file,
# ARGS= passes more flags, e.g. `make config ARGS=--defaults`.
CONFIG ?= .config.json
ARGS ?=
CLI = node dist/bin/kube-anywhere.js

.DEFAULT_GOAL := help
.PHONY: help install build config validate render deploy destroy bootstrap addons test e2e bench

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: ## install dependencies and build (npm ci, then tsc)
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

test: build ## unit + integration tests (real ignition, etcd, sshd, openssl, tmux)
	npm test
