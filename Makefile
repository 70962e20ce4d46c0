# Two commands on a fresh machine:  `make lab`  and  `make test`.
# Everything is installed into .venv from the project's own files (requirements*.txt, pyproject.toml).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
NB     ?=

# Jupyter refuses to run as root without --allow-root (containers, CI machines).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

CLASSROOM_STAMP := $(VENV)/.classroom-installed
SITE_STAMP      := $(VENV)/.site-installed
TEST_STAMP      := $(VENV)/.test-installed
HUB_STAMP       := $(VENV)/.hub-installed

# `make hub`: who can reach it. 127.0.0.1 is this machine only; HUB_IP=0.0.0.0 opens it to the lab network.
HUB_IP   ?= 127.0.0.1
HUB_PORT ?= 8000
# `make bench-class`: simulated students and the time bound (seconds) of the whole run
N        ?= 8
BENCH_TIME ?= 900

.PHONY: app lab site test test-unit test-notebooks test-browser lint format notebooks student bench clean help \
	hub bench-class

help:
	@echo "make lab        set up .venv and open JupyterLab at notebooks/00_start_here.ipynb"
	@echo "make test       set up .venv with the test tools and run every check"
	@echo "make notebooks  re-execute every notebook from a fresh kernel and save it"
	@echo "make student    regenerate the student edition in student/ from notebooks/"
	@echo "make app        serve the notebooks as a Voilà app (NB=notebooks/NN_name.ipynb for one)"
	@echo "make site       build the course website into _build/site/html (offline, from the saved outputs)"
	@echo "make bench      run the benchmarks and print their figures"
	@echo "make hub        JupyterHub for a class on this machine (HUB_IP=0.0.0.0 for the lab network; README)"
	@echo "make bench-class  load test of the hub: N=8 simulated students in headless Chromium"
	@echo "make format     format the code and the notebooks' code cells with ruff"
	@echo "make clean      remove .venv, caches, the built site and test artifacts"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v=sys.version_info; sys.exit(0 if v >= (3, 10) else "Python 3.10 or newer is needed (found %d.%d). Set PYTHON=/path/to/python3.x" % v[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(CLASSROOM_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(SITE_STAMP): requirements-site.txt $(CLASSROOM_STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-site.txt
	@touch $@

$(TEST_STAMP): requirements-test.txt requirements-hub.txt $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	@touch $@

$(HUB_STAMP): requirements-hub.txt $(CLASSROOM_STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-hub.txt
	@touch $@

lab: $(CLASSROOM_STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(CURDIR)" notebooks/00_start_here.ipynb

lint: $(TEST_STAMP)
	$(BIN)/ruff check mgk_helpers tests tools bench notebooks site hub
	$(BIN)/ruff format --check mgk_helpers tests tools bench notebooks site hub
	$(BIN)/python tools/make_model_card.py --check

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix mgk_helpers tests tools bench notebooks site hub
	$(BIN)/ruff format mgk_helpers tests tools bench notebooks site hub
	$(BIN)/python tools/make_model_card.py

test-unit: $(TEST_STAMP)
	$(BIN)/python -m pytest tests -m "not browser" -n 2

test-notebooks: $(TEST_STAMP)
	$(BIN)/python -m pytest notebooks $(wildcard student) -n 2

# axe-core (accessibility checks injected by the browser tests), pinned in package.json / package-lock.json
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test-browser: $(TEST_STAMP) $(AXE)
	$(BIN)/python -m pytest tests -m browser

test: lint test-unit test-notebooks test-browser

# link glossary terms at first use, re-execute, draw each explorer's default figure into its saved output
# (headless Chromium), student edition, then the Time lines from the timing model (tools/estimate_minutes.py)
notebooks: $(TEST_STAMP)
	$(BIN)/python tools/link_glossary.py
	$(BIN)/python tools/run_notebooks.py $(NB)
	$(BIN)/python tools/static_figures.py $(or $(NB),$(wildcard notebooks/*.ipynb))
	$(BIN)/python tools/make_student.py
	$(BIN)/python tools/estimate_minutes.py --write
	$(BIN)/python tools/make_student.py

student: $(CLASSROOM_STAMP)
	$(BIN)/python tools/make_student.py

# Voilà app mode for class: the explorers without code, served on 127.0.0.1 by a Jupyter server
# (so the mgk_helpers extension serves plotly.js locally), offline: see app/README.md. NB=notebooks/03_muscle_nerve_heart.ipynb
# opens one notebook; the default is the series in order (Voilà's tree of notebooks/).
app: $(CLASSROOM_STAMP)
	JUPYTER_PATH="$(CURDIR)/app/share" $(BIN)/jupyter server $(ROOT_FLAG) \
		--config="$(CURDIR)/app/jupyter_server_config.json" --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(CURDIR)" --ServerApp.open_browser=True \
		--ServerApp.default_url=$(if $(NB),/voila/render/$(NB),/voila/tree/notebooks) \
		--VoilaConfiguration.show_tracebacks=True

# The course website: the student edition as a static site (Sphinx, myst-nb, sphinx-book-theme), built from the
# committed outputs (nothing is executed). MGK_REF=v0.1.0 points its launch links at a tag; see README, "Course website".
site: $(SITE_STAMP)
	$(BIN)/python tools/build_site.py

bench: $(TEST_STAMP)
	$(BIN)/python bench/run.py

# JupyterHub for one lab server (hub/jupyterhub_config.py; state, students' folders and the class password in
# .hub/). Ctrl-C stops it and every student's server; students' work stays in .hub/users/. See README.
hub: $(HUB_STAMP)
	MGK_HUB_IP=$(HUB_IP) MGK_HUB_PORT=$(HUB_PORT) $(BIN)/jupyterhub -f hub/jupyterhub_config.py

# A class at once: N students log in to a hub of their own (temporary state, free ports, 127.0.0.1), open a
# notebook, Run All, move a control 20 times; prints start times, Run All, p50/p95, memory, culling.
bench-class: $(HUB_STAMP) $(TEST_STAMP)
	$(BIN)/python bench/bench_class.py --students $(N) --time-bound $(BENCH_TIME)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts .hypothesis _build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
