# Build, test and install stracedump. `make test` is the one command CI runs
# (through .ci/run, which first installs the tools the tests talk to).

GO       ?= go
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
BIN      := stracedump
# A count of executions, not a duration: a duration's deadline races the
# fuzzing workers in Go before 1.27 (go.dev/issue/75804) and fails a run
# with "context deadline exceeded" and no failing input, under load.
FUZZTIME ?= 100000x

# No cgo: the binary must run on any Linux of its architecture.
export CGO_ENABLED := 0

.PHONY: soak-ring all build test unit vet staticcheck fuzz conformance lint bench bench-compare install demo clean fuzz-records

all: build

# urfave_cli_no_docs leaves out the CLI library's man-page and markdown
# generators (and the markdown parser they pull in), which stracedump never
# uses: their package initialization ran in every process start, and a
# launched command waits behind the tracer's.
GOTAGS ?= urfave_cli_no_docs

build:
	$(GO) build -trimpath -tags '$(GOTAGS)' -o $(BIN) .

# test is everything CI checks; the conformance run comes last because it is
# the slowest and the one most likely to fail while the tracer grows. It runs
# on its own with -v so its share table is printed even when it passes: go
# test hides the output of passing packages otherwise.
# Every test that finds the host lacking a kernel feature (32-bit
# executables, seccomp filters, ptrace attach, process_vm_readv) says what it
# checked instead in this file (internal/testhost); test prints it at the end.
HOST_REPORT := $(CURDIR)/host-report.txt
export STRACEDUMP_HOST_REPORT := $(HOST_REPORT)

test:
	@rm -f $(HOST_REPORT)
	@$(MAKE) --no-print-directory vet staticcheck unit fuzz conformance
	@$(MAKE) --no-print-directory host-report

.PHONY: host-report
host-report:
	@if [ -s $(HOST_REPORT) ]; then \
		echo "This host lacks kernel features some tests use; what each of those tests checked instead:"; \
		sed 's/^/  /' $(HOST_REPORT); \
	else \
		echo "This host has every kernel feature the tests use: nothing was substituted."; \
	fi

# -p 1: one package at a time. Several test the tracer's promises in time
# (a stop within 1 s, a record live within 0.5 s, discovery under 50 ms),
# and two packages tracing at once on a 2-core machine made them flaky.
# -timeout 30m: go test's default of 10 minutes a package is close to what
# ./lua takes (hundreds of tshark runs) on a loaded 2-core machine.
unit:
	$(GO) test -count=1 -p 1 -timeout 30m -skip '^TestConformance' ./...

vet:
	$(GO) vet ./...

# -fuzzminimizetime=0: Go would minimize each new interesting input, which
# also ran past a duration -fuzztime's deadline (see FUZZTIME); a crasher
# is still saved, only not minimized.
# Each entry is PACKAGE:TARGET; go test -fuzz takes one package and one
# target at a time.
FUZZ_TARGETS := pcapng:FuzzUnmarshal pcapng:FuzzReader decoder:FuzzLine decoder:FuzzDumps decoder:FuzzNetlink importer:FuzzImportLine extcap:FuzzJoinWords
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		p=$${t%%:*}; f=$${t#*:}; \
		echo "$(GO) test -run '^\$$' -fuzz='^$$f\$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=0 ./$$p"; \
		$(GO) test -run '^$$' -fuzz="^$$f\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=0 ./$$p || exit 1; \
	done

# fuzz-records: MUTATED_RECORDS mutated records (a million by default) made
# from the Lua corpus's captures, through tshark's dissector (tree and quick
# paths) and decode (text, JSON, -yy -v -X verbose): no Lua error, no render
# error, no crash. Minutes long; not part of make test.
MUTATED_RECORDS ?= 1000000
fuzz-records:
	MUTATED_RECORDS=$(MUTATED_RECORDS) $(GO) test -count=1 -timeout 90m -v -run '^TestManyMutatedRecords$$' ./lua

conformance:
	$(GO) test -count=1 -v -run '^TestConformance' ./conformance

# screenshots renders the user guide's images (docs/images/) in the real
# Wireshark GUIs on a virtual display: the host's (4.0 on Debian 12) and the
# matrix root's 4.6. Needs root, like the matrix.
SCREENSHOT_VERSIONS ?= host sid
.PHONY: screenshots
screenshots:
	tests/gui/screenshots.sh $(SCREENSHOT_VERSIONS)

# The Wireshark suite on every supported version: the host's tshark (4.0 on
# Debian 12) and tshark 4.4 and 4.6 in cached Debian roots, each run as an
# unprivileged user (docs/wireshark-versions.md). Needs root. The self-check
# proves the matrix can fail: a Lua 5.4-only dissector must fail on 4.0 only.
.PHONY: test-wireshark-matrix test-wireshark-matrix-selfcheck
test-wireshark-matrix:
	MATRIX_STRICT=1 tests/matrix/run.sh

test-wireshark-matrix-selfcheck:
	tests/matrix/run.sh --selfcheck

lint: staticcheck
	@out=$$(gofmt -l . ); if [ -n "$$out" ]; then echo "gofmt -l lists files to format:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# staticcheck at a fixed version, fetched by go run like any module (it is
# not a dependency of stracedump's, so go.mod does not name it).
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
staticcheck:
	$(GO) run $(STATICCHECK) ./...

# bench runs the Go benchmarks (renderer, writer, reader) BENCH_COUNT times
# each and keeps the results in BENCH_OUT, in the format benchstat reads.
# To compare two versions: make bench BENCH_OUT=old.txt on one, make bench
# on the other, then make bench-diff (OLD=old.txt NEW=bench.txt).
BENCH_COUNT ?= 6
BENCH_OUT ?= bench.txt
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./decoder ./pcapng | tee $(BENCH_OUT)

# benchstat at a fixed version, fetched by go run like any module.
BENCHSTAT ?= golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
OLD ?= old.txt
NEW ?= bench.txt
.PHONY: bench-diff
bench-diff:
	$(GO) run $(BENCHSTAT) $(OLD) $(NEW)

# bench-compare measures stracedump against strace on the same workloads in
# one run (docs/performance.md). It takes minutes: run it on a quiet
# machine (uptime's load below 1). ROUNDS=3 for a quicker look.
ROUNDS ?= 5
bench-compare: build
	$(GO) run ./bench -bin ./$(BIN) -rounds $(ROUNDS) $(if $(ONLY),-only $(ONLY))

# bench-wireshark times tshark reading a dd bs=1 and a find capture with the
# Lua dissector and with it disabled (--disable-protocol strace), and
# writes the table into docs/performance.md. Keep the captures between
# runs with WS_DIR=dir.
WS_ROUNDS ?= 5
.PHONY: bench-wireshark
# soak-ring runs record -b for SOAK (default 10m) on a busy shell loop and
# checks every file alone, the loop's rounds across files and the tracer's
# memory (docs/remote.md, Long runs). A measuring run, not part of test.
SOAK ?= 10m
soak-ring: build
	$(GO) run ./bench/ringsoak -bin ./$(BIN) -duration $(SOAK)

bench-wireshark: build
	$(GO) run ./bench/wireshark -bin ./$(BIN) -rounds $(WS_ROUNDS) -doc docs/performance.md $(if $(WS_DIR),-dir $(WS_DIR))

# install puts the binary on PATH and makes `tshark -i strace` and the
# dissector work for the user running it (stracedump install asks tshark
# where its folders are).
install: build
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/$(BIN)
	./$(BIN) install

# demo records `ls -l /` and prints it back as strace text.
demo: build
	./$(BIN) record -o ls.pcapng -- ls -l /
	./$(BIN) decode ls.pcapng

clean:
	rm -f $(BIN) ls.pcapng
	rm -rf conformance/out
