# The two commands of the README. Both install missing Debian packages and build first.
.PHONY: deps build demo test fuzz bench bench-record bench-forecast bench-forecast-global docs validation sanitize clean

BUILD_DIR ?= build
PEAKSIM := $(BUILD_DIR)/cli/peaksim

deps:
	scripts/install-deps

build: deps
	BUILD_DIR=$(BUILD_DIR) scripts/build

# A peak-season network: Singles' Day (11.11) for an apparel brand, a DC and two FCs picking about a million
# order lines a replication with robots, suppliers' trucks and ships; 8 replications (seconds), results in out/.
demo: build
	mkdir -p out
	$(PEAKSIM) run scenarios/singles_day_apparel.yaml -o out/singles_day_apparel.h5 --force
	$(PEAKSIM) report out/singles_day_apparel.h5 -o out/singles_day_apparel.html --force

# The test suite, then a short fuzz run of the scenario loader and the history reader (tests/fuzz; a finding
# fails it and is printed).
FUZZ_SMOKE_SECONDS ?= 90
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $$(nproc)
	scripts/fuzz $(FUZZ_SMOKE_SECONDS)

# A longer fuzz run (FUZZ_SECONDS in all, two thirds on the scenario loader), going on from the corpus of the last
# run in build-fuzz/corpus; a finding fails it and is printed, its input kept in build-fuzz/findings.
FUZZ_SECONDS ?= 1800
fuzz: deps
	scripts/fuzz $(FUZZ_SECONDS)

bench: build
	$(BUILD_DIR)/bench/reference_bench

# Recording sku_daily arrays against KPIs only at 100,000 SKUs, and the parent's peak memory for n = 4 and 16
# (about 2 minutes on 2 cores; docs/performance.md, "Recording arrays at scale").
bench-record: build
	bench/record_bench.sh $(BUILD_DIR)

# Forecast accuracy on the real data of ../shared/data, or of DATA=folder with the same files (e.g. with the
# withheld weeks put back): a few minutes on 2 cores; see docs/forecasting.md.
DATA ?=
DATA_OPTION := $(if $(DATA),--data $(DATA))
bench-forecast: build
	$(BUILD_DIR)/bench/forecast_accuracy $(DATA_OPTION) --markdown $(BUILD_DIR)/forecast_accuracy.md --force

# The learned global model against the baselines: the tuning (validation) origins, then the standard ones
# (3 minutes on 2 cores, training included); the tables of docs/forecasting.md, "Accuracy of the learned ...".
GLOBAL_MODELS := seasonal_naive,ses,holt_damped,holt_winters_additive,holt_winters_multiplicative,global,global_trained
bench-forecast-global: build
	$(BUILD_DIR)/bench/forecast_accuracy_global $(DATA_OPTION) --models $(GLOBAL_MODELS) --validation 4 \
		--markdown $(BUILD_DIR)/forecast_accuracy_global_validation.md --force
	$(BUILD_DIR)/bench/forecast_accuracy_global $(DATA_OPTION) --models $(GLOBAL_MODELS) \
		--markdown $(BUILD_DIR)/forecast_accuracy_global.md \
		--windows $(BUILD_DIR)/forecast_accuracy_global_windows.csv --force

# Runs the validation suite (ctest -L validation) and regenerates docs/validation.md from it.
validation: build
	scripts/validation-report $(BUILD_DIR)

# Regenerates the generated documentation: docs/scenarios.md and the KPI table of docs/model.md (tests check both).
docs: build
	scripts/update-docs $(PEAKSIM)

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer, in build-sanitize/ (tens of minutes on
# 2 cores); any report fails the run.
sanitize: deps
	scripts/sanitize

clean:
	rm -rf $(BUILD_DIR) build-sanitize build-fuzz out
