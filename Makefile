# svcgen: the two set-up commands are `make generate` and `make test`.
GO ?= go
PKGS := ./...

.PHONY: generate test test-corpus lint bench fuzz interop

## generate: regenerate everything under gen/ from models/
generate:
	$(GO) generate ./gen/

## test: lint, then every test (drift of gen/, golden scenarios, corpus, conformance)
test: lint
	$(GO) test -count=1 -timeout 30m $(PKGS)

## interop: the interop suite alone, verbose: clients generated from corpus models of every
## protocol, run against moto (moto_server on PATH; INTEROP_RUN=regexp selects scenarios)
interop:
	$(GO) test -count=1 -v -timeout 15m -run '^TestInterop$$' ./interop/

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go') | grep -v /testdata/ || true); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## bench: the benchmarks, then the table comparing gen/eks with aws-sdk-go-v2 (bench/)
bench:
	$(GO) test -run='^$$' -bench=. -benchmem $(PKGS)
	cd bench && BENCH_COMPARE=1 $(GO) test -run=TestCompare -v -count=1 .

## fuzz: each fuzz target for FUZZTIME (default 60s)
FUZZTIME ?= 60s
FUZZ := FuzzLoadResolve:./generator/resolve/ FuzzGodoc:./generator/docs/ FuzzClassify:./generator/pattern/ \
	FuzzHandler:./gen/eks/server/ FuzzParse:./runtime/endpoints/ FuzzResolve:./runtime/endpoints/ \
	FuzzDecoderSkip:./runtime/jsonwire/ FuzzDecoderString:./runtime/jsonwire/ FuzzWriterString:./runtime/jsonwire/ \
	FuzzObjectDecoderDuplicates:./runtime/server/ FuzzDecoder:./runtime/xmlwire/
fuzz:
	@for t in $(FUZZ); do \
		name=$${t%%:*}; pkg=$${t#*:}; \
		echo "== $$name ($$pkg)"; \
		$(GO) test -run='^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	done
