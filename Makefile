# svcgen: the two set-up commands are `make generate` and `make test`.
SHELL := bash
GO ?= go
PKGS := ./...
# TESTLOG keeps the whole verbose output of `make test`; the terminal shows one line a
# package as each finishes, then the closing line of every conformance suite.
TESTLOG ?= $(or $(TMPDIR),/tmp)/svcgen-test.log

.PHONY: generate test test-corpus lint bench bench-size fuzz interop

## generate: regenerate everything under gen/ from models/
generate:
	$(GO) generate ./gen/

## test: lint, then every test (drift of gen/, golden scenarios, corpus, conformance),
## then a summary of the suites' closing lines
test: lint
	@echo "go test $(PKGS): one line a package as it finishes (a first run builds everything: several minutes); full log in $(TESTLOG)"
	@set -o pipefail; $(GO) test -count=1 -timeout 30m -v $(PKGS) 2>&1 | tee $(TESTLOG) \
		| grep --line-buffered -E '^(ok|FAIL|panic:|--- FAIL|\?|[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed)'; \
	status=$$?; echo; echo "== conformance and corpus suites =="; \
	grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' $(TESTLOG) | sort -u; exit $$status

## interop: the interop suite alone, verbose: clients generated from corpus models of every
## protocol, run against moto (moto_server on PATH; INTEROP_RUN=regexp selects scenarios)
interop:
	$(GO) test -count=1 -v -timeout 15m -run '^TestInterop$$' ./interop/

## lint: gofmt, go vet, and go.mod/go.sum tidy (the project's, bench/'s and examples/s3-fake/sdktest/'s)
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go') | grep -v /testdata/ || true); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod/go.sum are not tidy: run 'go mod tidy'"; $(GO) mod tidy -diff; exit 1; }
	@cd bench && $(GO) mod tidy -diff >/dev/null || { echo "bench/go.mod is not tidy: run 'cd bench && go mod tidy'"; exit 1; }
	@cd examples/s3-fake/sdktest && $(GO) mod tidy -diff >/dev/null || { echo "examples/s3-fake/sdktest/go.mod is not tidy: run 'cd examples/s3-fake/sdktest && go mod tidy'"; exit 1; }

## bench: the benchmarks, then the table comparing gen/eks with aws-sdk-go-v2 (bench/):
## against a test server, and with a canned response (svcgen's own work alone)
bench:
	$(GO) test -run='^$$' -bench=. -benchmem $(PKGS)
	cd bench && BENCH_COMPARE=1 $(GO) test -run=TestCompare -v -count=1 .

## bench-size: the size table (bench/size_test.go): compiling the ec2 and s3 packages
## (svcgen's from the corpus, aws-sdk-go-v2's), and the binary growth of one call over
## the bare program in bench/testdata/size/floor; minutes, and several GB for ec2
bench-size:
	cd bench && BENCH_SIZE=1 $(GO) test -run=TestSize -v -count=1 -timeout 60m .

## fuzz: each fuzz target for FUZZTIME (default 60s)
FUZZTIME ?= 60s
FUZZ := FuzzLoadResolve:./generator/resolve/ FuzzGodoc:./generator/docs/ FuzzClassify:./generator/pattern/ \
	FuzzHandler:./gen/eks/server/ FuzzParse:./runtime/endpoints/ FuzzResolve:./runtime/endpoints/ \
	FuzzDecoderSkip:./runtime/jsonwire/ FuzzDecoderString:./runtime/jsonwire/ FuzzWriterString:./runtime/jsonwire/ \
	FuzzObjectDecoderDuplicates:./runtime/server/ FuzzDecoder:./runtime/xmlwire/ FuzzTokenizer:./runtime/xmlwire/
fuzz:
	@for t in $(FUZZ); do \
		name=$${t%%:*}; pkg=$${t#*:}; \
		echo "== $$name ($$pkg)"; \
		$(GO) test -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	done
