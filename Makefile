# credit-supervision — the two commands a user needs are `make demo` and `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
CLI := target/release/credit-supervision
WASM_PACK_BUILD := wasm-pack build --target web --release --out-dir pkg --out-name credit_supervision

.PHONY: demo test setup build pkg dist cli serve lint test-python spark-test spark-bench test-native test-node test-chrome test-e2e test-types test-package example-1m bench bench-duckdb fuzz clean

## Install what is missing, build the wasm package, serve the page on http://127.0.0.1:$(PORT)
demo: setup pkg
	node www/serve.mjs --port $(PORT)

## Install what is missing, then run every check: format, lints, native, node, Chrome, e2e,
## the Python package, the package's TypeScript declarations, and the npm package's examples.
test: setup lint test-native test-python test-node test-chrome pkg cli test-e2e test-types test-package
	@echo "make test: all suites passed"

setup:
	@bash scripts/setup.sh

## pkg/: wasm-pack's web build, then the legacy build for older browsers and CPUs without
## WebAssembly SIMD (scripts/build-baseline.sh: pkg/baseline/, MVP + four features, no SIMD,
## reference types or multi-value, with its own glue), then the npm package around pkg/'s build (scripts/package.mjs: package.json
## with its exports map, the Node and CommonJS entries, the integrator README); packs it into
## target/package/ and prints the packed size and the .wasm's gzip -9 size, failing when either
## grows more than 10 % over package/budget.json.
pkg:
	$(WASM_PACK_BUILD)
	bash scripts/build-baseline.sh
	node scripts/package.mjs

## The single file for clerks: target/dist/credit-supervision.html (page, styles, worker and both
## builds of the wasm inlined; opens from file:// by double-click, no server, no network), the
## compatibility file target/dist/credit-supervision-compat.html for Chromium < 97 (CSP with
## 'unsafe-eval' for WebAssembly, only the legacy build, scripts lowered to Chromium 78),
## and target/dist/credit-supervision.zip with both for an intranet (scripts/dist.mjs).
dist: pkg
	node scripts/dist.mjs

cli:
	cargo build --release --locked

build: pkg cli

lint:
	cargo fmt --all -- --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked -p credit-supervision-python -- -D warnings
	cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --locked

## The Python package (python/: PyO3 + maturin, one abi3 wheel) built into target/venv with
## pinned pyarrow and maturin (scripts/python-env.sh), and its tests (python/tests).
test-python:
	bash scripts/python-env.sh
	target/venv/bin/python -m unittest discover -s python/tests

## The proof of sameness (spark/test_sameness.py): the dirtied synthetic district through the
## CLI (CSV) and through the Spark job in local mode (Parquet): the same row counts, results
## (sorted by USCC, every column) and draw (digest and CSV bytes). Needs Java 17; installs
## pyspark and pandas into target/venv. SPARK_ENTERPRISES (default 3000) sets the size.
SPARK_ENTERPRISES ?= 3000
spark-test: cli
	bash scripts/python-env.sh --release spark/requirements.txt
	CS_CLI=$(CLI) CS_ENTERPRISES=$(SPARK_ENTERPRISES) target/venv/bin/python -m unittest spark/test_sameness.py

## Spark local mode against the CLI at 1M and 10M records (spark/bench.py; BENCHMARKS.md).
spark-bench: cli
	bash scripts/python-env.sh --release spark/requirements.txt
	target/venv/bin/python spark/bench.py --cli $(CLI)

test-node:
	wasm-pack test --node

test-chrome:
	WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome

## The page's browser tests, the single file's included (bundled first from www/ and pkg/).
test-e2e:
	node scripts/dist.mjs
	npm run e2e

## The .d.ts of pkg/: every result checked key by key against its declared interface, and an
## example consumer (tests/types/usage.ts) type-checked with tsc --strict; the page's worker
## protocol (www/client.js), worker and loader with tsc --checkJs --strict, and its main thread
## (www/app.js, www/loading.js, www/plan.js, www/outcome.js, www/model.js, www/policy.js,
## www/charts.js, www/worklists.js, www/svg.js, www/section.js) with tsc --checkJs.
test-types: pkg
	node --test tests/types/shapes.test.mjs
	tsc -p tests/types --noEmit --strict
	tsc -p tests/types/tsconfig.www.json
	tsc -p tests/types/tsconfig.page.json

## The npm package as an integrator gets it: the README's snippets are the examples' code, and
## every example (examples/: Node, Vite, worker, TypeScript) runs from the packed tarball
## installed into a fresh temporary folder (npm install from the registry: Vite, esbuild, TypeScript,
## @types/node, pinned by examples/package-lock.json).
test-package: pkg cli
	node --test tests/package/

## The Node example (examples/node/score-files.mjs) on a district of 1,000,000 enterprises,
## streamed from disk: prints its times and peak memory. Generates the files with the CLI
## when DIR_1M does not hold them (650 MB). Not part of `make test`.
DIR_1M ?= bench-data/1000000-bench-2026-11-28
example-1m: pkg cli
	@[ -f "$(DIR_1M)/registration.csv" ] || $(CLI) generate --enterprises 1000000 --seed bench --as-of 2026-11-28 --out "$(DIR_1M)"
	@dir=$$(node scripts/example-install.mjs) && trap 'rm -rf "$$dir"' EXIT && \
	  time node "$$dir/node/score-files.mjs" "$(DIR_1M)" 2026-11-28 "$$dir/results.csv"

## Run each cargo-fuzz target (fuzz/) for FUZZ_SECONDS seconds (default 60) on nightly, with
## memory and time limits; installs cargo-fuzz when missing. Not part of `make test`, which
## replays the saved findings and seeds (tests/fuzz-regressions/) on stable.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

## Time ingest + score natively, in wasm (node) and through the page (Chromium); see BENCHMARKS.md.
bench: setup pkg cli
	$(CLI) bench --sizes 10000,100000,1000000 --variants csv,gbk,xlsx --seed bench --as-of 2026-11-28 --dir bench-data
	node bench/wasm-bench.mjs --sizes 10000,100000,1000000 --variants csv,gbk,xlsx --seed bench --as-of 2026-11-28 --dir bench-data
	node bench/page-bench.mjs --size 1000000 --variant csv --seed bench --as-of 2026-11-28 --dir bench-data
	$(CLI) bench-plan --sizes 10000,100000,1000000 --seed bench --as-of 2026-11-28 --dir bench-data
	node bench/wasm-plan-bench.mjs --sizes 10000,100000,1000000 --seed bench --as-of 2026-11-28 --dir bench-data

## DuckDB-WASM on the same CSV files in the same headless Chromium (BENCHMARKS.md). Installs
## bench/duckdb/node_modules on demand (kept out of the root package.json, so CI's npm ci stays
## small); with DIR=<folder of the 8 CSVs> [RUNS=3] it also runs the comparison.
RUNS ?= 3
bench-duckdb:
	@[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
	@if [ ! -d bench/duckdb/node_modules/@duckdb/duckdb-wasm ] \
	   || [ bench/duckdb/package-lock.json -nt bench/duckdb/node_modules/.package-lock.json ]; then \
	  echo "installing DuckDB-WASM into bench/duckdb/node_modules"; \
	  npm ci --prefix bench/duckdb --no-audit --no-fund --loglevel=error; \
	fi
	@if [ -n "$(DIR)" ]; then \
	  node bench/duckdb-bench.mjs --dir "$(DIR)" --runs $(RUNS) --header; \
	else \
	  echo "DuckDB-WASM is installed; run: make bench-duckdb DIR=bench-data/1000000-bench-2026-11-28"; \
	fi

clean:
	cargo clean
	rm -rf pkg bench-data target/e2e bench/duckdb/node_modules examples/node_modules examples/vite/dist examples/esbuild/dist
