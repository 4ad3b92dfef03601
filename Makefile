# Every target bootstraps what it needs: uv (installed with pip when missing), then the environment
# from uv.lock. On a fresh machine `make test` and `make contract` are the only commands needed.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
# A machine may set PYTHONDONTWRITEBYTECODE=1 (this one does): every Python process, each xdist worker
# and each subprocess a test starts, then compiles the venv's packages from source again, and pytest
# rewrites every test module again: about a quarter of `make test` (measured: 150 s with it, 114 s
# without). The caches go to __pycache__/, which git ignores and the wheels leave out.
unexport PYTHONDONTWRITEBYTECODE
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
RUN := $(UV) run --frozen --no-sync
PY := $(RUN) python
# Debian packages (redis-server, wrk) need root: sudo on GitHub's runners (user `runner`, passwordless
# sudo), nothing when already root (.ci/run in a container).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
VENDOR_PAGES := $(wildcard openapi/vendor/pages/*.md)
BUNDLES := $(wildcard openapi/bundles/*.yaml)
BUILD := build

.PHONY: help env extract bundle lint-spec lint-spec-vendor generate check lint typecheck lint-imports test contract fake fuzz \
	bench bench-tools redis-server test-tools clean dist spec-diff lint-workflows nightly drift fidelity facts
TARGET ?= fake
PROFILE ?= pr
PORT ?= 8080
CASSETTE ?= $(BUILD)/contract/cassette.ndjson
# `make fake WORKERS=2 STATE=redis://127.0.0.1:6379/0`: N worker processes sharing state in Redis.
WORKERS ?= 1
# `make fake ADMIN_TOKEN=…`: the admin API answers only that token or a tenant's key (needed off loopback).
ADMIN_TOKEN ?=
export ADMIN_TOKEN  # read by the recipe's shell ($$ADMIN_TOKEN), so make never echoes its value
STATE ?=
# `make test JUNIT=build/junit/pytest.xml` also writes a JUnit report (CI uploads it); empty: none.
JUNIT ?=
# `make test` runs the tests in parallel processes (pytest-xdist), one more than there are cores: some
# modules spend seconds waiting (a dripping stand-in, a paused Redis, a subprocess starting), and the
# extra worker fills that time (measured on 2 cores: 108 s with 2 workers, 100 s with 3, same tests);
# PYTEST_WORKERS=0 runs them in this process. --dist loadfile: each test module runs whole on one
# worker, so a module-scoped fixture (a contract run, a served fake, a replayed cassette) is set up
# once, not once per worker and again each time a worker comes back to the module. (loadgroup would allow finer groups, but
# xdist 3.8 marks groups through a node attribute pytest 9.2 no longer reads: it groups nothing.)
# --no-loadscope-reorder: modules go out in collection order, heaviest first (tests/conftest.py).
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

# `make help` lists the targets by group, in this order; each documented target names its group:
# `target: prerequisites  ##[group] what it does`. A target documented without a group is listed last.
HELP_GROUPS := main:Main~jobs check:Checks,~all~run~by~make~check spec:The~spec~pipeline \
	fake:The~fake~server suite:More~runs~of~the~contract~suite build:Build,~measure,~set~up
help:  ##[build] list the targets by group, the main jobs first
	@for group in $(HELP_GROUPS); do \
	  printf '\n%s\n' "$${group#*:}" | tr '~' ' '; \
	  grep -E "^[a-z-]+:.*##\[$${group%%:*}\] " $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*##\[[a-z]+\] /  \1\t/' | expand -t 22; \
	done
	@if grep -qE '^[a-z-]+:.*## ' $(MAKEFILE_LIST); then \
	  printf '\nOther\n'; grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 22; \
	fi

$(CURDIR)/.tools/bin/uv:
	python3 -m pip install --quiet --disable-pip-version-check --target .tools "uv==$(UV_VERSION)"

# --compile-bytecode: the packages' bytecode is written once here, on every core, instead of by each of
# the test workers and subprocesses racing to compile the same modules on their first import (a clean
# clone's `make test`: 106 s without it).
.venv/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --compile-bytecode
	@touch $@

env: .venv/.synced  ##[build] build the environment from uv.lock

extract: env  ##[spec] re-extract openapi/vendor/*.yaml from the vendor pages, byte for byte
	$(PY) -m scripts.extract_vendor $(VENDOR_PAGES) --out openapi/vendor

bundle: env  ##[spec] write openapi/bundles/*.yaml from openapi/bundles.yaml
	$(PY) -m scripts.bundle

lint-spec: env  ##[check] validate the bundles; every finding must be registered in openapi/deviations.yaml
	$(PY) -m scripts.lint_spec $(BUNDLES) --deviations openapi/deviations.yaml --out $(BUILD)/lint

lint-spec-vendor: env  ##[spec] report every contradiction between the vendor's examples and schemas
	$(PY) -m scripts.lint_spec openapi/vendor/*.yaml --report --out $(BUILD)/lint-vendor

generate: env  ##[spec] regenerate generated_client/ from the client bundle
	$(PY) -m scripts.generate

lint-workflows: env  ##[check] actionlint on .github/workflows/*.yml (and shellcheck on their scripts when installed)
	$(RUN) actionlint .github/workflows/*.yml

spec-diff: env  ##[spec] breaking and other changes between two OpenAPI documents: make spec-diff OLD=a.yaml NEW=b.yaml
	@[ -n "$(OLD)" ] && [ -n "$(NEW)" ] || { echo "usage: make spec-diff OLD=<yaml or dir> NEW=<yaml or dir>" >&2; exit 2; }
	$(PY) -m scripts.spec_diff $(OLD) $(NEW) --json $(BUILD)/spec-diff/diff.json --markdown $(BUILD)/spec-diff/diff.md

lint: env  ##[check] ruff (lint and format) on hand-written code
	$(RUN) ruff check .
	$(RUN) ruff format --check .

typecheck: env  ##[check] mypy strict on hand-written code
	$(RUN) mypy

lint-imports: env  ##[check] the import contracts of pyproject.toml: ARCHITECTURE.md's layers, no cycle, one schemathesis door
	$(RUN) lint-imports --no-cache

check: lint typecheck lint-imports lint-spec lint-workflows  ##[check] lint, types, spec lint, freshness of vendor YAML, bundles and generated code
	$(PY) -m scripts.extract_vendor $(VENDOR_PAGES) --out openapi/vendor --check
	$(PY) -m scripts.bundle --check
	$(PY) -m scripts.generate --check
	$(PY) -m scripts.facts_table --check

contract: env  ##[main] the main job: the contract suite (TARGET=fake|sandbox|URL, PROFILE=pr|nightly)
	$(PY) -m contract_tests --target $(TARGET) --profile $(PROFILE) --report-dir $(BUILD)/contract

# The warm-up (tests/support/warm_caches.py) runs beside `make check`, on the core check leaves idle: it
# writes once the caches each xdist worker of a clean clone would otherwise build for itself, all at the
# same time (measured: 8.9 s of one core on a clean clone, 3.4 s warm). Its output goes to a log; a
# failing warm-up changes nothing but the time.
test: env test-tools  ##[main] make check, then the test suite
	@mkdir -p $(BUILD); timeout 300 $(PY) -m tests.support.warm_caches >$(BUILD)/warm-caches.log 2>&1 & warm=$$!; \
	  status=0; $(MAKE) --no-print-directory check || status=$$?; wait $$warm || true; exit $$status
	$(RUN) pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder $(if $(JUNIT),--junitxml $(JUNIT))

nightly: env  ##[suite] the nightly contract run (TARGET=sandbox in CI; CONTRACT_NIGHTLY_MAX_EXAMPLES shrinks it)
	$(PY) -m contract_tests --target $(TARGET) --profile nightly --report-dir $(BUILD)/contract

fidelity: env  ##[suite] replay a recorded run (CASSETTE=build/contract/cassette.ndjson) on the fake; compare the answers
	$(PY) -m contract_tests.fidelity $(CASSETTE) --report-dir $(BUILD)/fidelity

fake: env  ##[fake] serve the fake on 127.0.0.1:$(PORT) (WORKERS=N STATE=redis://… ADMIN_TOKEN=…; CASHFREE_FAKE_* variables)
	$(if $(ADMIN_TOKEN),CASHFREE_FAKE_ADMIN_TOKEN="$$ADMIN_TOKEN") $(PY) -m cashfree_oneclick.fake --host 127.0.0.1 --port $(PORT) --workers $(WORKERS) $(if $(STATE),--state $(STATE))

drift: env  ##[suite] the drift corpus: the pr profile over HTTP against the fake with each drift; 1 on a miss or false alarm
	$(PY) -m contract_tests.drift --workers 2 --report-dir $(BUILD)/drift

fuzz: env  ##[suite] bounded negative fuzz of the fake: >= 10,000 schemathesis cases, no 5xx, no time-out
	$(PY) -m contract_tests.fuzz --cases 10000 --seed 20261123

bench-tools: redis-server
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }

# The tests and the benchmark of the Redis state store start their own redis-server (Debian's package).
redis-server:
	@command -v redis-server >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq redis-server; }

# The tests start their own redis-server, and run the README's curl quickstart (curl and jq) as written.
test-tools: redis-server
	@command -v curl >/dev/null && command -v jq >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq curl jq; }

bench: env bench-tools  ##[build] benchmarks (printed, never asserted): client parse cost, fake under load, pr run over HTTP
	$(PY) -m benchmarks.parse
	$(PY) -m benchmarks.fake_load
	$(PY) -m benchmarks.contract_speed
	$(PY) -m benchmarks.pr_over_http
	$(PY) -m benchmarks.client_overhead

facts: env  ##[spec] write README.md's fact table from openapi/facts.yaml
	$(PY) -m scripts.facts_table

dist: env  ##[build] build the wheels into dist/: the kit (client, fake, pytest plugin) and the generated client
	rm -rf dist
	$(UV) build --all-packages --wheel --out-dir dist

clean:
	rm -rf $(BUILD) .pytest_cache .mypy_cache .ruff_cache .hypothesis
