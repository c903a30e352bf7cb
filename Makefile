# Rebuilding Trust: the two commands most people need are `make lab` and `make test`.
# Both create .venv on first use and install the project into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
WELCOME := workshop/00-welcome-and-safety.ipynb

.PHONY: lab test bench handouts lint nav clean help

help:
	@echo "make lab    open the workshop in JupyterLab (sets everything up on first run)"
	@echo "make test   run every test (sets everything up on first run)"
	@echo "make lint   ruff over the code and the notebooks"
	@echo "make nav    regenerate the previous/contents/next links in the notebooks"

$(STAMP): pyproject.toml $(wildcard jupyter-config/*/* jupyter-config/*/*/*)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Rebuilding Trust needs Python 3.10 or newer; found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian or Ubuntu: sudo apt install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab,test]"
	@# An editable install skips data files: put JupyterLab's no-news settings in place by hand.
	@mkdir -p $(VENV)/share/jupyter/lab/settings/overrides.d
	@cp jupyter-config/lab-settings/trust-workshop.json $(VENV)/share/jupyter/lab/settings/overrides.d/
	@mkdir -p $(VENV)/share/jupyter/voila/templates/trust-workshop $(VENV)/etc/jupyter/jupyter_server_config.d
	@cp jupyter-config/voila-template/trust-workshop/* $(VENV)/share/jupyter/voila/templates/trust-workshop/
	@cp jupyter-config/voila/voila.json $(VENV)/etc/jupyter/
	@cp jupyter-config/voila/trust-workshop-voila.json $(VENV)/etc/jupyter/jupyter_server_config.d/
	@touch $(STAMP)

# Jupyter refuses to start as root unless told it may (containers, some hubs).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/$(WELCOME) \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

# Everything in parallel (pytest-xdist, -n auto: the browser tests as two chains started first, see
# conftest.py); then, in one process, the one test that counts work done in wall-clock time and so
# needs a processor to itself.
test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -n0 -m cpu_timing

handouts: $(STAMP)
	$(BIN)/trust-workshop handouts --out handouts

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check src tests workshop facilitator

nav: $(STAMP)
	$(BIN)/python -m trust_workshop.navigation workshop facilitator

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info test-artifacts
