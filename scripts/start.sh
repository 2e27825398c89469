#!/usr/bin/env bash
# Runs the production build the way a deployment does: Next's standalone server.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${NEXT_DIST_DIR:-.next}"
[ -f "$dist/standalone/server.js" ] || { echo "No build found in $dist: run 'npm run build' first." >&2; exit 1; }
# The standalone output does not include static assets; they are served from beside server.js.
rm -rf "$dist/standalone/$dist/static" "$dist/standalone/public"
cp -r "$dist/static" "$dist/standalone/$dist/static"
[ -d public ] && cp -r public "$dist/standalone/public"
export HOSTNAME="${HOSTNAME_BIND:-127.0.0.1}" PORT="${PORT:-3000}"
# Satchel's own SIGTERM handler (lib/shutdown.ts) finishes sends and logs out of IMAP before exiting.
export NEXT_MANUAL_SIG_HANDLE=true
exec node "$dist/standalone/server.js"
