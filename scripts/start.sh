#!/usr/bin/env bash
# Runs the production build the way a deployment does: Next's standalone server.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .next/standalone/server.js ] || { echo "No build found: run 'npm run build' first." >&2; exit 1; }
# The standalone output does not include static assets; they are served from beside server.js.
rm -rf .next/standalone/.next/static .next/standalone/public
cp -r .next/static .next/standalone/.next/static
[ -d public ] && cp -r public .next/standalone/public
export HOSTNAME="${HOSTNAME_BIND:-127.0.0.1}" PORT="${PORT:-3000}"
exec node .next/standalone/server.js
