#!/usr/bin/env bash
# npm run bench: Satchel's server time next to raw imapflow doing the same IMAP work, in the same run.
# Leaves the test mail server running only if it was running before. Results: .bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --browser
was_running=0
if bash scripts/mailserver.sh status >/dev/null 2>&1; then was_running=1; fi
bash scripts/mailserver.sh start
if [ "$was_running" = 0 ]; then trap 'bash scripts/mailserver.sh stop' EXIT; fi
# bulk@satchel.test's INBOX with 100,000 messages (skips if already there; writes the Maildir, so root).
npx tsx scripts/seed-bulk.ts
# A build folder of its own, so a test run building .next at the same time cannot pull it away.
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-bench}"
# Rebuild only when a source is newer than the standalone server (a build takes ~40-60 s).
sources=(app lib components public proxy.ts instrumentation.ts next.config.js postcss.config.mjs package-lock.json)
if [ ! -f "$NEXT_DIST_DIR/standalone/server.js" ] ||
  [ -n "$(find "${sources[@]}" -newer "$NEXT_DIST_DIR/standalone/server.js" -print -quit 2>/dev/null)" ]; then
  npm run build
fi
npx tsx bench/run.ts
# Memory of a 20 MB attachment through compose (its own mail server instance: a raised size limit).
trap 'MAILSERVER_DIR=.mailserver/bench-compose MAILSERVER_PORT_BASE=21300 bash scripts/mailserver.sh stop >/dev/null; [ "$was_running" = 1 ] || bash scripts/mailserver.sh stop' EXIT
npx tsx --conditions=react-server --expose-gc bench/compose-memory.ts
