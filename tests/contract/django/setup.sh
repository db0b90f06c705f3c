#!/usr/bin/env bash
# Installs what the Django contract fixture needs, then says which Python to use.
#   1. Debian's packages, if /usr/bin/python3 already imports them: nothing to do.
#   2. Root with apt-get: install Debian's packages (Debian 12 has the pinned versions).
#   3. Otherwise, with python3 + venv/pip: a virtualenv in ./.venv with the same versions
#      (fixture.mjs picks .venv/bin/python up by itself; $DJANGO_PYTHON overrides both).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULES="django, rest_framework, rest_framework_simplejwt, djoser, corsheaders, PIL"
APT_PACKAGES="python3-django python3-djangorestframework python3-djangorestframework-simplejwt python3-djoser python3-django-cors-headers python3-pil"
PIP_PACKAGES="Django==3.2.25 djangorestframework==3.14.0 djangorestframework-simplejwt==5.2.2 djoser==2.1.0 django-cors-headers==3.14.0 Pillow"

has_modules() { [ -x "$1" ] && "$1" -c "import $MODULES" >/dev/null 2>&1; }

report() {
  "$1" - <<'PY'
import sys, django, rest_framework, djoser, corsheaders, PIL
from importlib.metadata import version
print(f"django fixture python: {sys.executable}")
for name in ("django", "djangorestframework", "djangorestframework-simplejwt", "djoser", "django-cors-headers"):
    try:
        print(f"  {name} {version(name)}")
    except Exception:
        print(f"  {name} (version unknown)")
PY
}

if [ -n "${DJANGO_PYTHON:-}" ] && has_modules "$DJANGO_PYTHON"; then report "$DJANGO_PYTHON"; exit 0; fi
if has_modules "$HERE/.venv/bin/python"; then report "$HERE/.venv/bin/python"; exit 0; fi
if has_modules /usr/bin/python3; then report /usr/bin/python3; exit 0; fi

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $APT_PACKAGES
  if has_modules /usr/bin/python3; then report /usr/bin/python3; exit 0; fi
  echo "apt-get installed the packages but /usr/bin/python3 still cannot import them" >&2
  exit 1
fi

PY="$(command -v python3 || true)"
if [ -z "$PY" ]; then
  echo "no apt-get as root and no python3: install Python 3.8-3.11 first" >&2
  exit 1
fi
"$PY" -m venv "$HERE/.venv"
# shellcheck disable=SC2086
"$HERE/.venv/bin/python" -m pip install --quiet $PIP_PACKAGES
report "$HERE/.venv/bin/python"
