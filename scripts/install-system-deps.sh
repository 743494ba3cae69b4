#!/usr/bin/env bash
# Installs the system packages the test suite needs, from Debian, when they are missing:
# Chromium (browser tests), the PostgreSQL server (tests on PostgreSQL), gettext
# (compiling translations), Node.js with npm (installing the design system, package.json) and Pango with a font (PDF reports). Nothing is installed when
# everything is already there.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v runuser >/dev/null || missing+=(util-linux)
command -v npm >/dev/null || missing+=(nodejs npm)
# WeasyPrint (committee reports as PDF) needs Pango and a font.
compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Missing system packages (${missing[*]}) and no root access to install them." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
