# assess - GNU make, pkg-config for every dependency.
#
#   make                 build/assess
#   make check           unit tests, CLI golden tests, the same messages whichever way
#                        an inventory comes in, Word documents, acceptance tests
#   make SAN=1 check     the same under AddressSanitizer + UBSan
#   make check-valgrind  CLI tests under valgrind
#   make check-faults    a full disk swept over every byte count, kill -9 and
#                        SIGTERM trials (tests/faults/run.sh)
#   make install         PREFIX=/usr/local DESTDIR=
#   make bench           performance table (see tests/bench/)
#   make fuzz            libFuzzer targets for a bounded time (clang)

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DATADIR   ?= $(PREFIX)/share/assess
BINDIR    ?= $(PREFIX)/bin
BUILD     ?= build

PKGS      := libxml-2.0 libxslt libexslt sqlite3 libpcre2-8 libzip xlsxwriter
# Debian package that provides each pkg-config module
DEB_libxml-2.0 := libxml2-dev
DEB_libxslt    := libxslt1-dev
DEB_libexslt   := libxslt1-dev
DEB_sqlite3    := libsqlite3-dev
DEB_libpcre2-8 := libpcre2-dev
DEB_libzip     := libzip-dev
DEB_xlsxwriter := libxlsxwriter-dev

ifeq ($(filter clean,$(MAKECMDGOALS)),)
MISSING := $(strip $(foreach p,$(PKGS),$(if $(shell pkg-config --exists $(p) && echo y),,$(p))))
ifneq ($(MISSING),)
$(error missing libraries: $(MISSING); install them with: apt-get install -y pkg-config $(sort $(foreach p,$(MISSING),$(DEB_$(p)))))
endif
endif

CC        ?= cc
CSTD      := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
WARN      := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
             -Wpointer-arith -Wcast-qual -Wwrite-strings -Wvla -Wundef
OPT       ?= -O2 -g
DEFS      := -DASSESS_VERSION='"$(VERSION)"' -DASSESS_DATADIR='"$(DATADIR)"' \
             -DPCRE2_CODE_UNIT_WIDTH=8
CFLAGS_PKG := $(shell pkg-config --cflags $(PKGS))
LIBS_PKG   := $(shell pkg-config --libs $(PKGS))

ifeq ($(SAN),1)
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BUILD     := build/san
OPT       := -O1 -g
endif

ALL_CFLAGS  = $(CSTD) $(OPT) $(WARN) $(DEFS) -Iinclude $(CFLAGS_PKG) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Sources: assess/main.c and one folder per stage of the pipeline
# (ARCHITECTURE.md): base/ input/ rules/ store/ pipeline/ reports/ commands/;
# every module but main.c goes into the unit tests too.
# assess/input/book.c is compiled to $(BUILD)/obj/input/book.o.
LIB_SRC   := $(sort $(wildcard assess/*/*.c))
LIB_OBJ   := $(LIB_SRC:assess/%.c=$(BUILD)/obj/%.o)
UNIT_SRC  := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJ  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%.o) $(BUILD)/unit/faultvfs.o

BIN       := $(BUILD)/assess
UNIT_BIN  := $(BUILD)/unit-tests

.PHONY: all check check-unit check-cli check-messages check-docs check-acceptance check-valgrind check-faults \
        install clean bench fuzz

all: $(BIN)

$(BIN): $(BUILD)/obj/main.o $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS_PKG) -lm

$(BUILD)/obj/%.o: assess/%.c $(wildcard include/*.h) | $(BUILD)/obj
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/unit/%.o: tests/unit/%.c $(wildcard include/*.h) tests/unit/harness.h | $(BUILD)/unit
	$(CC) $(ALL_CFLAGS) -Itests/unit -Itests/faults -c -o $@ $<

# a full disk for SQLite (tests/faults/faultvfs.h): linked into the unit
# tests, and preloaded into the real binary by check-faults
$(BUILD)/unit/faultvfs.o: tests/faults/faultvfs.c tests/faults/faultvfs.h | $(BUILD)/unit
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(UNIT_BIN): $(UNIT_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS_PKG) -lm

$(BUILD)/obj $(BUILD)/unit:
	mkdir -p $@

# paths.o has DATADIR compiled in: rebuild it whenever PREFIX/DATADIR change
DATADIR_STAMP := $(BUILD)/datadir.txt
$(DATADIR_STAMP): FORCE | $(BUILD)/obj
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/obj/base/paths.o: $(DATADIR_STAMP)
.PHONY: FORCE
FORCE:

check: check-unit check-cli check-messages check-docs check-acceptance

check-unit: $(UNIT_BIN)
	cd tests/unit && ../../$(UNIT_BIN)

check-cli: $(BIN) $(BUILD)/bench-gen
	ASSESS=$(CURDIR)/$(BIN) BENCH_GEN=$(CURDIR)/$(BUILD)/bench-gen sh tests/cli/run.sh

# validate FILE, validate - <FILE and import FILE print the same messages
check-messages: $(BIN)
	sh tests/bench/same-messages.sh $(BIN)

# the .docx through LibreOffice and pdftotext (skipped when they are missing)
check-docs: $(BIN)
	ASSESS=$(CURDIR)/$(BIN) sh tests/docs/run.sh

check-acceptance: $(BIN)
	ASSESS=$(CURDIR)/$(BIN) sh tests/acceptance/run.sh

check-valgrind: $(BIN) $(BUILD)/bench-gen
	ASSESS=$(CURDIR)/$(BIN) BENCH_GEN=$(CURDIR)/$(BUILD)/bench-gen ASSESS_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
		sh tests/cli/run.sh

# The fault injection: tests/faults/faultvfs.c preloaded into the real
# binary as a library (no test hook is compiled into assess).
$(BUILD)/faultvfs.so: tests/faults/faultvfs.c tests/faults/faultvfs.h | $(BUILD)/obj
	$(CC) $(CSTD) $(OPT) $(WARN) -fPIC -shared -DFAULTVFS_PRELOAD $(CFLAGS_PKG) -o $@ $< $(LIBS_PKG)

check-faults: $(BIN) $(BUILD)/faultvfs.so $(BUILD)/bench-gen
	ASSESS=$(CURDIR)/$(BIN) FAULTVFS=$(CURDIR)/$(BUILD)/faultvfs.so \
		BENCH_GEN=$(CURDIR)/$(BUILD)/bench-gen sh tests/faults/run.sh

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/assess
	cp -R criteria templates $(DESTDIR)$(DATADIR)/

clean:
	rm -rf build

# Benchmark: a deterministic inventory generator, a libxml2-only floor, and the table.
BENCH_CFLAGS = $(CSTD) -O2 -g -Wall -Wextra $(shell pkg-config --cflags libxml-2.0)
$(BUILD)/bench-gen: tests/bench/gen.c | $(BUILD)/obj
	$(CC) $(BENCH_CFLAGS) -o $@ $<
$(BUILD)/bench-floor: tests/bench/floor.c | $(BUILD)/obj
	$(CC) $(BENCH_CFLAGS) -o $@ $< $(shell pkg-config --libs libxml-2.0)

bench: $(BIN) $(BUILD)/bench-gen $(BUILD)/bench-floor
	BUILD=$(BUILD) sh tests/bench/run.sh $(BENCH_SIZES)

# Fuzzing (clang + libFuzzer): one target per tests/fuzz/fuzz_NAME.c, linked
# with every module but main.c, built with ASan + UBSan.
FUZZ_BUILD   := build/fuzz
FUZZ_SECONDS ?= 30
FUZZ_CC      ?= clang
FUZZ_CFLAGS   = $(CSTD) -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                $(DEFS) -Iinclude $(CFLAGS_PKG)
FUZZ_OBJ     := $(LIB_SRC:assess/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,$(FUZZ_BUILD)/fuzz-%,$(wildcard tests/fuzz/fuzz_*.c))

$(FUZZ_BUILD)/obj/%.o: assess/%.c $(wildcard include/*.h) | $(FUZZ_BUILD)/obj
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_BUILD)/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_file.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $(filter-out %.h,$^) \
		$(LIBS_PKG) -lm
$(FUZZ_BUILD)/obj:
	mkdir -p $@

# keep the instrumented objects between runs
.SECONDARY: $(FUZZ_OBJ)

fuzz: $(FUZZ_TARGETS) $(BIN)
	ASSESS=$(CURDIR)/$(BIN) FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh
