# GreenLoop: the two commands are `make demo` and `make test` (see README.md).
BUILD_DIR ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
# ccache hits across clones in other folders (CI builds a fresh clone each run).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps configure build web demo test bench format clean

all: build

deps:
	@scripts/deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

# Builds build/greenloop, the tests, the benchmarks and (when web/ exists) web/dist.
build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)
	@if [ -f web/package.json ]; then scripts/build-web.sh; fi

demo: build
	scripts/demo.sh

test: build
	scripts/test.sh

bench: build
	scripts/bench.sh

format:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format -i --style=file

clean:
	rm -rf $(BUILD_DIR)
