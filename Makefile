# The two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := run
PORT ?= 8000
PY := .venv/bin/python
PIP := .venv/bin/pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1

RUN_DEBS := fonts-nanum fonts-liberation2 gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils libnss3-tools

.PHONY: run test check bench debs-run debs-test venv deps-run deps-test assets assets-test messages prepare serve services

run: debs-run deps-run assets messages prepare
	@bin/serve

test: services debs-test deps-test assets-test messages
	@$(PY) -m pytest $(PYTEST_ARGS)

check: deps-test
	@.venv/bin/ruff check .
	@$(PY) manage.py makemigrations --check --dry-run
	@DJANGO_SETTINGS_MODULE=portal.settings.production PORTAL_BASE_URL=https://nal.fsc.go.kr \
	  DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench: services debs-test deps-test assets-test messages
	@for script in bench/[!_]*.py; do $(PY) $$script || exit 1; done

debs-run:
	@bin/ensure-debs $(RUN_DEBS)

debs-test:
	@bin/ensure-debs $(TEST_DEBS)

venv: .venv/bin/python

.venv/bin/python:
	@python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv

deps-run: venv
	@bin/ensure-python-deps run

deps-test: venv
	@bin/ensure-python-deps test

assets:
	@bin/ensure-assets run

assets-test:
	@bin/ensure-assets test

messages: venv
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

prepare:
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py collectstatic --noinput -v 0
	@$(PY) manage.py prepare_portal

services:
	@bin/ensure-services
