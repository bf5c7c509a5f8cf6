# insitu: build, test and demo entry points.
#
#   make test   install libnetcdf if missing, then vet, staticcheck, race tests, and a CGO_ENABLED=0 build
#   make demo   install libnetcdf if missing, then run the quickstart on the embedded mini GDAC
#
# The library's classic-NetCDF reader is pure Go; NetCDF-4/HDF5, OPeNDAP and writing need
# libnetcdf through cgo, hence the dependency step.

GO              ?= go
STATICCHECK     ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
NETCDF_PACKAGES := libnetcdf-dev netcdf-bin pkg-config gcc

.PHONY: all deps test demo vet staticcheck race nocgo generate fuzz bench clean

all: test

# deps installs libnetcdf (headers, library, ncdump) when nc-config is missing:
# with apt-get as root, or through passwordless sudo; otherwise it prints the command to run.
deps:
	@if command -v nc-config >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1 && pkg-config --exists netcdf; then \
		exit 0; \
	fi; \
	if command -v apt-get >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing $(NETCDF_PACKAGES) with apt-get"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NETCDF_PACKAGES) >/dev/null || exit 1; \
		elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
			echo "installing $(NETCDF_PACKAGES) with sudo apt-get"; \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NETCDF_PACKAGES) >/dev/null || exit 1; \
		else \
			echo "libnetcdf is required. Run: sudo apt-get install -y $(NETCDF_PACKAGES)"; exit 1; \
		fi; \
	elif command -v brew >/dev/null 2>&1; then \
		echo "libnetcdf is required. Run: brew install netcdf pkg-config"; exit 1; \
	else \
		echo "libnetcdf (with nc-config and pkg-config) is required: install it with your package manager"; exit 1; \
	fi

vet: deps
	$(GO) vet ./...

staticcheck: deps
	$(GO) run $(STATICCHECK) ./...

race: deps
	$(GO) test -race ./...

# nocgo proves every package builds, and the pure-Go paths pass their tests, without cgo.
nocgo:
	CGO_ENABLED=0 $(GO) build ./...
	CGO_ENABLED=0 $(GO) vet ./...
	CGO_ENABLED=0 $(GO) test ./internal/nc/...

test: deps vet staticcheck race nocgo

demo: deps
	$(GO) run ./examples/quickstart

# generate rewrites testdata/ (the mini GDAC) with libnetcdf; the output is deterministic.
generate: deps
	$(GO) generate ./testdata/...

# fuzz runs every fuzz target for FUZZTIME each (default 60s).
FUZZTIME ?= 60s
fuzz: deps
	@set -e; for pkg in $$($(GO) list ./...); do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 100x $$pkg; \
		done; \
	done

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	$(GO) clean -testcache
