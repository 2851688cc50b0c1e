#!/usr/bin/env bash
# Installs the Python side of the Alembic takeover test (test/integration/migrate/alembic*.test.ts):
# Debian's SQLAlchemy, Alembic and the PostgreSQL / MySQL drivers, for /usr/bin/python3.
# Idempotent: when the modules already import, it does nothing (no apt-get update).
set -euo pipefail

PY=/usr/bin/python3
check() { "$PY" -c 'import sqlalchemy, alembic, psycopg2, pymysql' >/dev/null 2>&1; }

if check; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  python3-sqlalchemy python3-alembic python3-psycopg2 python3-pymysql >/dev/null
check || { echo "python3-sqlalchemy / alembic / psycopg2 / pymysql did not install for $PY" >&2; exit 1; }
