# The portal's image, fsc/nal-portal:latest (docker-compose.yml builds it for web, worker and beat).
#
#   docker compose build
#
# Stages: front-end packages from package-lock.json (node), the files the pages use copied out of them
# (bin/vendor_assets.py), the pinned Python packages of pyproject.toml in a virtual environment,
# and the runtime: Debian's Korean fonts and WeasyPrint's libraries (the Makefile's RUN_DEBS), the code,
# compiled translations and collected static files, run as an unprivileged user.

# --- front-end packages: KRDS and Pretendard, exactly as package-lock.json pins them ---------------------
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
# As bin/ensure-assets does for `make run`: no dev packages (axe-core is for the tests).
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- the files the pages use, under portal/static/vendor/ -------------------------------------------------
FROM python:3.11-slim-bookworm AS vendor
WORKDIR /build
COPY --from=assets /build/node_modules ./node_modules
COPY bin/vendor_assets.py ./bin/vendor_assets.py
RUN python bin/vendor_assets.py

# --- Python packages: the pins of pyproject.toml, nothing else ------------------------------------------
FROM python:3.11-slim-bookworm AS python-deps
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY pyproject.toml ./
# The same list bin/ensure-python-deps installs for `make run` ([project] dependencies), read from
# pyproject.toml; the build stops if any of them is not pinned with ==.
RUN python -c "import sys, tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; loose = [d for d in deps if '==' not in d]; sys.exit('unpinned in pyproject.toml: ' + ', '.join(loose)) if loose else print('\n'.join(deps))" > requirements.txt \
 && python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-compile -r requirements.txt

# --- the runtime ---------------------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm

# RUN_DEBS of the Makefile: the Korean and Latin fonts the letters embed, WeasyPrint's Pango and HarfBuzz
# (its subsetter), fontconfig, and gettext for compilemessages; curl for the compose health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      fonts-nanum fonts-liberation2 gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
      curl \
 && rm -rf /var/lib/apt/lists/*

# A fixed uid/gid, so that the files mounted as secrets (the letter signing key) can be made readable by it.
RUN groupadd --system --gid 10001 portal \
 && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    PORTAL_VAR_DIR=/var/lib/portal/var \
    PORTAL_PRIVATE_ROOT=/var/lib/portal/private \
    AUDIT_CHECKPOINT_FILE=/var/lib/portal/audit/checkpoints.jsonl

COPY --from=python-deps /opt/venv /opt/venv

WORKDIR /app
COPY . .
COPY --from=vendor /build/portal/static/vendor ./portal/static/vendor

# Translations and static files are part of the image. The production settings refuse to load without a
# strong secret key and a public https address; both are throwaway values here, used by these two
# commands only and kept in no layer (the real ones come from the environment at run time).
RUN export DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
           PORTAL_BASE_URL=https://build.invalid \
 && python manage.py compilemessages -v 0 \
 && python manage.py collectstatic --noinput -v 0 \
 && python -m compileall -q /app \
 && mkdir -p /var/lib/portal/private /var/lib/portal/var /var/lib/portal/audit \
 && chown -R portal:portal /var/lib/portal \
 && chmod 0700 /var/lib/portal/private

# The code stays root's (read-only to the portal); only /var/lib/portal is the portal's to write.
USER 10001:10001

EXPOSE 8000

# The web service; docker-compose.yml runs the same image as the Celery worker and beat.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--threads", "4", "--timeout", "120"]
