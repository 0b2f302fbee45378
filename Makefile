# The class weight calculator: `make run` builds and serves it, `make test`
# runs every test (and installs Chromium for the browser tests when it can).

GO       ?= go
ADDR     ?= 127.0.0.1:8000
OUT      ?= site
BASE     ?= /
WASMEXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
CHROMIUM ?= /usr/bin/chromium

# Every Go file and embedded web file the builds depend on.
GO_SOURCES  := go.mod go.sum $(shell find . -name '*.go' -not -path './site/*' -not -name '*_test.go')
WEB_SOURCES := $(filter-out web/app.wasm,$(wildcard web/*))

.PHONY: all build run static test vet test-native test-wasm test-browser chromium bench screenshot check-snippets clean

all: build

build: web/app.wasm bin/classweights

web/app.wasm: $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ .

bin/classweights: $(GO_SOURCES) $(WEB_SOURCES) web/app.wasm
	$(GO) build -trimpath -o $@ .

run: build
	./bin/classweights serve --addr $(ADDR)

static: build
	./bin/classweights static --out $(OUT) --base $(BASE)

test: vet test-native test-wasm test-browser

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

# The browser tests are left out here and run with test-browser.
test-native: web/app.wasm
	$(GO) test -count=1 -skip '^TestBrowser' ./...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec=$(WASMEXEC) ./calc/...

test-browser: web/app.wasm chromium
	CHROMIUM=$(CHROMIUM) $(GO) test -count=1 -run '^TestBrowser' -v .

# chromium installs Debian's Chromium when it is missing and this is root.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Chromium is missing: installing Debian's chromium with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			|| { echo "installing chromium failed: install it by hand (apt-get install chromium)"; exit 1; }; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM)."; \
		echo "Install it as root with: apt-get install chromium (or set CHROMIUM=/path/to/chromium)"; \
		exit 1; \
	fi

# bench prints every speed figure of the README side by side, in one run:
# the engine, the label counter natively and as WebAssembly under Node against
# encoding/csv, pandas where it is installed, and counting in the page.
BENCH_CSV ?= /tmp/classweights-bench-200MB.csv
PANDAS_PYTHON := $(shell for p in python3 /usr/bin/python3; do \
	$$p -c 'import pandas' 2>/dev/null && echo $$p && break; done)

bench: web/app.wasm chromium
	$(GO) test -run '^$$' -bench 'AllSchemes100k|CountFile|EncodingCSV' -benchtime 3x ./calc
	GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench 'CountFile|EncodingCSV' -benchtime 2x \
		-exec=$(WASMEXEC) ./calc
	test -f $(BENCH_CSV) || $(GO) run ./internal/sample/gensample -size 200 -o $(BENCH_CSV)
	@if [ -n "$(PANDAS_PYTHON)" ]; then \
		$(PANDAS_PYTHON) internal/sample/pandas_count.py $(BENCH_CSV); \
	else \
		echo "pandas: row skipped, no python3 here has pandas (apt-get install python3-pandas)"; \
	fi
	BENCH_CSV=$(BENCH_CSV) CHROMIUM=$(CHROMIUM) $(GO) test -run '^$$' -bench BrowserCount \
		-benchtime 1x .

# screenshot writes the pictures in the README, at desktop and phone sizes.
screenshot: web/app.wasm chromium
	SCREENSHOT=docs/screenshot.png SCREENSHOT_PHONE=docs/screenshot-phone.png \
		CHROMIUM=$(CHROMIUM) $(GO) test -count=1 \
		-run '^(TestBrowserScreenshot|TestBrowserPhoneAndManyClasses)$$' .

# check-snippets runs the golden code snippets with the Python frameworks
# installed here (Debian: python3-torch, python3-sklearn, python3-xgboost).
check-snippets:
	$(or $(PANDAS_PYTHON),python3) internal/sample/check_snippets.py

clean:
	rm -rf bin web/app.wasm $(OUT)
