#!/usr/bin/env bash
# Every test: unit, integration against the real Dovecot + Postfix, and end-to-end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --browser
bash scripts/mailserver.sh start
trap 'bash scripts/redis.sh stop; bash scripts/mailserver.sh stop' EXIT
# Redis on 127.0.0.1:16379 for the shared session store and limits (tests pick it by REDIS_URL).
bash scripts/redis.sh start
npx tsc --noEmit
npx eslint .
npx vitest run --project unit
npx vitest run --project integration
npm run build
npx vitest run --project e2e
