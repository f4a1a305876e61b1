# Two commands on a fresh machine:  `make chat`  (the chat page)  and  `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# torch is pinned to 2.13.0 so pip takes the CPU build. Where pip cannot find a CPU
# build of 2.13.0 on its own, set TORCH_INDEX to PyTorch's CPU wheel index. No pip cache: the venv is about
# 3 GB and a CI disk can be short (an install once stopped at "No space left on device").
TORCH_INDEX ?=

.PHONY: install chat test check eval bench clean
# Bytecode caches are written even where the shell says not to (docs/speed.md, "Bytecode caches"); tests/conftest.py
# does the same for a bare `pytest`, but only after pytest has read conftest itself.
unexport PYTHONDONTWRITEBYTECODE

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-cache-dir torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/pip install --quiet --no-cache-dir -e '.[test]'
	touch $@

chat: install
	GRADIO_ANALYTICS_ENABLED=False $(BIN)/policykb chat

# The whole suite in two processes (pytest-xdist), one test file at a time to each, so a file's module fixtures
# (its bot, its server, its browser) are built once; tests/conftest.py hands out the heavy files first.
# PYTEST_ARGS="-n 0" runs it in one process (docs/speed.md).
PYTEST_ARGS ?= -n 2 --dist loadfile --no-loadscope-reorder

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The inner loop: the pure tests (no model, no server, no browser), about a minute.
check: install
	$(BIN)/pytest -m "not slow" -q

eval: install
	$(BIN)/policykb eval --out eval

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV)
