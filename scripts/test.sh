#!/usr/bin/env bash
# Every test: unit, integration against the real Dovecot + Postfix, and end-to-end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --browser
bash scripts/mailserver.sh start
trap 'bash scripts/mailserver.sh stop' EXIT
npx tsc --noEmit
npx eslint .
npx vitest run --project unit
npx vitest run --project integration
npm run build
npx vitest run --project e2e
