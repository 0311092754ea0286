# Two commands: `make run` and `make test`. Each sets up everything it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages. To run: CJK fonts and HarfBuzz subsetting for the PDF reports.
# To test as well: poppler to read PDFs back, Chromium for the browser tests.
RUN_PACKAGES := libharfbuzz-subset0 fonts-noto-cjk
TEST_PACKAGES := $(RUN_PACKAGES) poppler-utils chromium

.PHONY: run test screenshots setup system-packages clean

run: SYSTEM_PACKAGES = $(RUN_PACKAGES)
run: setup
	$(BIN)/tracker init
	$(BIN)/tracker demo --if-empty
	@echo "打开 http://127.0.0.1:5000 （演示用户及密码见 var/demo-users.txt）"
	$(BIN)/tracker serve --host 127.0.0.1 --port 5000

test: SYSTEM_PACKAGES = $(TEST_PACKAGES)
test: setup
	$(BIN)/ruff check tracker reports tests bench
	$(BIN)/lint-imports
	$(BIN)/pytest -n auto --dist loadscope

# Every screenshot under docs/screenshots/: each page of each role at 375×812 and 1280×900 in
# docs/screenshots/pages/ (tests/e2e/test_every_page_fits.py), and the README's others.
screenshots: SYSTEM_PACKAGES = $(TEST_PACKAGES)
screenshots: setup
	TRACKER_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/e2e -q

setup: system-packages $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "需要 Python 3.11 或更新版本（当前：$$($(PYTHON) --version)）"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

system-packages:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "安装系统软件包：$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "缺少系统软件包：$$missing"; \
	    echo "请以 root 身份执行：apt-get install$$missing"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) var
