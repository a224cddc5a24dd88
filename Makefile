# Local development entry points. Everything runs from the project's own .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_FLAGS ?= -q -ra --durations=15

.DEFAULT_GOAL := run
.PHONY: run test lint record-histories bench clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[dev,local]'
	touch $@

install: $(STAMP)

# The Web UI browser test drives Debian's chromium (Playwright's download is not used).
$(VENV)/.chromium: | $(BIN)/python
	@if [ ! -x /usr/bin/chromium ]; then apt-get update && apt-get install -y chromium; fi
	touch $@

# The Temporal TLS tests put Debian's nginx in front of the dev server (tests/support/tls.py).
$(VENV)/.nginx: | $(BIN)/python
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then apt-get update && apt-get install -y --no-install-recommends nginx; fi
	touch $@

## run: the whole local stack in the foreground (Ctrl-C stops it)
run: $(STAMP)
	$(BIN)/python -m cpg2pvg.ops.stack

## test: the lint target, then the test suite; "no tests collected" (exit code 5) counts as a failure
test: $(STAMP) $(VENV)/.chromium $(VENV)/.nginx lint
	@status=0; $(BIN)/python -m pytest $(PYTEST_FLAGS) $(ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests were collected" >&2; fi; \
	exit $$status

## lint: ruff; mypy (strict on workflows/ and activities/, the typed seam); the layer contracts
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/mypy --strict --follow-imports=silent workflows activities
	$(BIN)/lint-imports

record-histories: $(STAMP)
	CPG2PVG_RECORD_HISTORIES=1 $(BIN)/python -m pytest -q tests/workflows/test_guideline_workflow.py tests/workflows/test_batch_workflow.py tests/workflows/test_review.py tests/workflows/test_cancellation.py tests/workflows/test_delivery.py tests/llm/test_llm_workflow.py tests/schedules/test_schedules.py

## bench: every benchmark side by side (bench/run_all.py); Celery and Redis only for this
$(VENV)/.bench: pyproject.toml $(STAMP)
	$(BIN)/pip install -e '.[dev,local,bench]'
	@command -v redis-server >/dev/null || echo "make bench: redis-server is missing (apt-get install -y redis-server); the Celery comparison will be skipped" >&2
	@command -v wrk >/dev/null || echo "make bench: wrk is missing (apt-get install -y wrk); the API load test under wrk will be skipped" >&2
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python -m bench.run_all $(ARGS)

## mutation: mutation testing of the parsing, numbers, readability and quality modules, score per module (bench/mutation/)
.PHONY: mutation
MUTATION_CHILDREN ?= 2
mutation: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATION_CHILDREN)
	$(BIN)/python -m bench.mutation.score

## lock: requirements.lock, the runtime image's pinned dependencies with hashes, from
## pyproject.toml's runtime dependencies only (tests/deploy checks it is in step)
.PHONY: lock
$(VENV)/.uv: | $(BIN)/python
	$(BIN)/pip install 'uv>=0.9,<1'
	touch $@

lock: $(VENV)/.uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
		--custom-compile-command 'make lock' -o requirements.lock

## clean: forget the local stack's data (database, Temporal state, documents); keeps .venv
clean:
	rm -rf .data
