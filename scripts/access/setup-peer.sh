#!/usr/bin/env bash
# Creates .venv-access with PySAL `access` and the pinned packages the peer needs (from PyPI), for
# `podium bench access`. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m venv .venv-access
.venv-access/bin/pip install --quiet --disable-pip-version-check -r scripts/access/requirements.txt
.venv-access/bin/python -c "import access; print('PySAL access', access.__version__, 'ready in .venv-access')"
