#!/usr/bin/env bash
# Every test: unit, integration against the real Dovecot + Postfix, and end-to-end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --browser
bash scripts/mailserver.sh start
trap 'bash scripts/redis.sh stop; bash scripts/mailserver.sh stop' EXIT
# Redis on 127.0.0.1:16379 for the shared session store and limits (tests pick it by REDIS_URL).
bash scripts/redis.sh start
npx tsc --noEmit &
typecheck=$!
npx eslint .
wait "$typecheck"
# The production build (CPU) runs while the unit and integration tests (mostly waiting on IMAP) run;
# after it, a second one served under a path (tests/e2e/base-path.test.ts), into its own folder.
mkdir -p tests/artifacts
export BASE_PATH_DIST_DIR=.next-basepath
export SATCHEL_BUILD_SKIP_TYPECHECK=1
{
  npm run build && NEXT_DIST_DIR="$BASE_PATH_DIST_DIR" BASE_PATH=/webmail npm run build
} >tests/artifacts/build.log 2>&1 &
build=$!
npx vitest run --project unit
npx vitest run --project integration
wait "$build" || { cat tests/artifacts/build.log; exit 1; }
tail -n 5 tests/artifacts/build.log
npx vitest run --project e2e
