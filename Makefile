# Every target sets up its own virtual environment in .venv the first time (and again when a
# requirements file changes), so on a fresh clone `make serve` and `make test` are all it takes.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Material 9.8 prints an end-of-life notice on every build; it is not a warning about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test outputs drift upgrade-torch lighthouse clean

serve: $(VENV)/.site-installed  ## build the site and serve it on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve

build: $(VENV)/.site-installed  ## build the site into site/, failing on any warning
	$(BIN)/mkdocs build --strict

test: $(VENV)/.dev-installed  ## run every test (pass pytest options with ARGS="...")
	$(BIN)/python -m pytest $(ARGS)

outputs: $(VENV)/.dev-installed  ## rewrite every output block in docs/ from what its code prints
	$(BIN)/python -m tools.update_outputs

drift: $(VENV)/.dev-installed  ## what torch VERSION=x.y.z would change on the site (its own venv in .cache/); changes nothing
	$(BIN)/python -m tools.torch_versions drift $(or $(VERSION),$(error give the version: make drift VERSION=x.y.z))

upgrade-torch: $(VENV)/.dev-installed  ## move the torch pin to VERSION=x.y.z: reinstall, regenerate everything, record the changes page
	$(BIN)/python -m tools.torch_versions upgrade $(or $(VERSION),$(error give the version: make upgrade-torch VERSION=x.y.z))
	touch $(VENV)/.site-installed $(VENV)/.dev-installed

lighthouse: $(VENV)/.site-installed benchmarks/node_modules/.installed  ## Lighthouse on every page of a strict build; fails below budget (ARGS="--pages losses/")
	$(BIN)/python benchmarks/lighthouse.py $(ARGS)

clean:
	rm -rf $(VENV) site .pytest_cache .cache benchmarks/node_modules

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.site-installed

# Lighthouse, pinned by benchmarks/package-lock.json (Node 18.20 or newer; npm ci reinstalls it exactly).
benchmarks/node_modules/.installed: benchmarks/package.json benchmarks/package-lock.json
	npm ci --prefix benchmarks --no-audit --no-fund
	touch $@
