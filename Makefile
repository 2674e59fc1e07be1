# The desk's commands. Each target sets up what it needs on first use:
# a fresh clone needs only Python 3.11 and make.
#
#   make render     render every figure in renders.yml into output/ (the main job)
#   make site       rebuild the static site output/site/ from what output/ has published
#   make serve      rebuild it and preview it on http://127.0.0.1 (PORT=8000, or a free port)
#   make test       run the whole test suite
#   make validate   check the data files and the translations a render needs (exit 2 if one is missing)
#   make translations  extract chart strings into locale/*.po; list what is untranslated
#   make review-sheet  write output/review/<lang>.html: every message and label of a language with its figures
#   make lab        open JupyterLab on this machine only (127.0.0.1)
#   make new-release  add a release row (prompts, or ARGS="--date ... --help")
#   make leads      list the open leads (unconfirmed reports, never counted) and the page that settles each
#   make hooks      install the git hooks that keep notebooks clean
#   make bench      print the performance figures (docs/performance.md)
#   make lock       re-pin dependencies after editing pyproject.toml or requirements/lab.in

PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
LAB_VENV := .venv-lab
BIN := $(VENV)/bin
UV := .tools/bin/uv
RENDER_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help render site serve test validate translations review-sheet lab hooks bench lock new-release leads clean

help:
	@awk '/^[^#]/ {exit} {sub(/^# ?/, ""); print}' Makefile | sed 's/^# \{0,1\}//'

# uv installs the pinned environment several times faster than pip (docs/performance.md).
# --compile-bytecode: imports then read ready .pyc files, even where PYTHONDONTWRITEBYTECODE
# is set (as on our CI machines); it halves the start-up of every kernel.
$(UV):
	@echo "setup: installing uv $(UV_VERSION) into .tools/"
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check --target .tools uv==$(UV_VERSION)

# The render environment: exactly requirements/render.txt, plus this project and its kernel.
$(VENV)/.render-ok: requirements/render.txt pyproject.toml | $(UV)
	@echo "setup: creating the render environment in $(VENV)"
	@test -x $(BIN)/python || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	@$(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python requirements/render.txt
	@$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	@$(BIN)/python -c "from helpers.render import install_kernel; install_kernel()" >/dev/null
	@rm -rf $(VENV)/share/jupyter/kernels/python3   # only the project kernel: "python3" would run in .venv-lab
	@$(BIN)/python -c "from helpers.export import vega_bundle; vega_bundle()"
	@rm -f $(VENV)/.test-ok
	@touch $@

# The test tools, added on top of the render environment.
$(VENV)/.test-ok: $(VENV)/.render-ok requirements/dev.txt | $(UV)
	@echo "setup: adding the test tools to $(VENV)"
	@$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements/dev.txt
	@touch $@

# JupyterLab lives in its own environment so that the render kernel stays lean. The desk's
# settings for reporters (lab/README.md): no news prompt, .py twins hidden, the desk's kernel.
$(LAB_VENV)/.lab-ok: requirements/lab.txt lab/overrides.json lab/jupyter_server_config.json | $(UV)
	@echo "setup: creating the JupyterLab environment in $(LAB_VENV)"
	@test -x $(LAB_VENV)/bin/python || $(UV) venv --quiet --python $(PYTHON) $(LAB_VENV)
	@$(UV) pip sync --quiet --compile-bytecode --python $(LAB_VENV)/bin/python requirements/lab.txt
	@mkdir -p $(LAB_VENV)/share/jupyter/lab/settings $(LAB_VENV)/etc/jupyter
	@cp lab/overrides.json $(LAB_VENV)/share/jupyter/lab/settings/overrides.json
	@cp lab/jupyter_server_config.json $(LAB_VENV)/etc/jupyter/jupyter_server_config.json
	@touch $@

render: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.render $(RENDER_ARGS)

site: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.site

serve: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.site --serve --port $(or $(PORT),8000)

validate: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.data
	@$(BIN)/python -m helpers.i18n labels

# Catalogs are read from the .po files at run time (Babel), so there is nothing to compile.
translations: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.i18n translations

# One page per language for a native reviewer: each message and data label, its translation, its
# status and the published figures it appears in (reads output/; the site links the pages).
review-sheet: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.i18n review-sheet

# --durations=20: the slowest tests, listed in CI's output. --dist loadfile: the tests of one file
# run on one worker, so a fixture they share (the whole-plan renders of tests/test_render_plan.py,
# a module's site or bundles) is built once, not once per worker; the files are handed out in the
# order tests/conftest.py gives them (the longest first: --no-loadscope-reorder). (xdist_group with
# --dist loadgroup would be finer, but pytest-xdist 3.8 cannot tag pytest 9.2's node ids with a
# group: the marked tests were spread over both workers.) Not in pyproject.toml's addopts: a test
# that runs pytest without xdist (tests/test_data_update.py) would not know these options.
# compileall: the project's own modules as ready .pyc files (copied with each test's project copy),
# so the test suite's hundreds of render processes and kernels do not each compile them where
# PYTHONDONTWRITEBYTECODE is set.
test: $(VENV)/.test-ok $(LAB_VENV)/.lab-ok
	@$(BIN)/python -m compileall -q src
	@$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder --durations=20 $(PYTEST_ARGS)

lab: $(VENV)/.render-ok $(LAB_VENV)/.lab-ok
	@JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(LAB_VENV)/bin/jupyter lab --ip=127.0.0.1 \
		--notebook-dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root,)

new-release: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.new_release $(ARGS)

leads: $(VENV)/.render-ok
	@$(BIN)/python -m helpers.leads

hooks: $(VENV)/.test-ok
	@$(BIN)/pre-commit install

bench: $(VENV)/.test-ok
	@$(BIN)/python bench/run.py
	@$(BIN)/python bench/runner.py

lock: | $(UV)
	$(UV) pip compile --quiet --python-version 3.11 pyproject.toml -o requirements/render.txt
	$(UV) pip compile --quiet --python-version 3.11 pyproject.toml --extra test -o requirements/dev.txt
	$(UV) pip compile --quiet --python-version 3.11 requirements/lab.in -o requirements/lab.txt

clean:
	rm -rf $(VENV) $(LAB_VENV) .tools output
