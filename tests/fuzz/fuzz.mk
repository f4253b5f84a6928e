# Builds and runs the libFuzzer targets (tests/fuzz/NAME.cc, seeds in
# tests/fuzz/NAME/). Called by the top-level "make fuzz"; by hand:
#   make -f tests/fuzz/fuzz.mk FUZZ_SECONDS=600        # every target
#   make -f tests/fuzz/fuzz.mk obj/fuzz/record         # just build one
# The library is compiled a second time with clang, ASan and UBSan into
# obj/fuzz/lib; the targets link against that copy. New corpus entries go to
# obj/fuzz/corpus/NAME (the seeds in the tree stay small), crashes to
# obj/fuzz/crash/NAME-*.
FUZZ_SECONDS ?= 30
FUZZ_RUNS    ?= -1
FUZZ_CLANG   ?= clang++
FUZZ_FLAGS   := -std=c++20 -O1 -g -fno-omit-frame-pointer -Wall -Wextra \
                -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                -iquote lib -iquote obj
FUZZ_NAMES   := $(sort $(basename $(notdir $(wildcard tests/fuzz/*.cc))))
FUZZ_BINS    := $(FUZZ_NAMES:%=obj/fuzz/%)
FUZZ_LIB_SRC := $(sort $(shell find lib -name '*.cc'))
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.cc=obj/fuzz/%.o)

.PHONY: run build
.SECONDARY:

run: build
	@mkdir -p obj/fuzz/crash
	@for t in $(FUZZ_NAMES); do \
	  mkdir -p obj/fuzz/corpus/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS)s"; \
	  obj/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -runs=$(FUZZ_RUNS) -print_final_stats=1 \
	    -artifact_prefix=obj/fuzz/crash/$$t- obj/fuzz/corpus/$$t tests/fuzz/$$t \
	    > obj/fuzz/$$t.log 2>&1 || { tail -n 40 obj/fuzz/$$t.log; echo "fuzz: $$t FAILED"; exit 1; }; \
	  grep -E '^stat::number_of_executed_units' obj/fuzz/$$t.log | sed "s/^/fuzz: $$t /"; \
	done

build: $(FUZZ_BINS)

obj/fuzz/lib/%.o: lib/%.cc obj/auto/paths.h
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

obj/fuzz/libvmm.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

obj/fuzz/%: tests/fuzz/%.cc tests/fuzz/fuzz_input.h obj/fuzz/libvmm.a
	@mkdir -p $(@D)
	$(FUZZ_CLANG) $(FUZZ_FLAGS) -fsanitize=fuzzer $< obj/fuzz/libvmm.a -lcrypt -o $@

-include $(FUZZ_LIB_OBJ:.o=.d)
