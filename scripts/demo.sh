#!/usr/bin/env bash
# One command for a newcomer: a local mail server with demo accounts, a seeded mailbox, and Satchel on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
export MAILSERVER_DIR="$PWD/.mailserver/demo" MAILSERVER_PORT_BASE=11000
bash scripts/install-deps.sh
bash scripts/mailserver.sh start
set -a; . "$MAILSERVER_DIR/env"; set +a
npx tsx scripts/seed-demo.ts alice@satchel.test alice-pass-1
npx tsx scripts/seed-demo.ts bob@satchel.test bob-pass-1
[ -f .mailserver/demo/auth-secret ] || openssl rand -base64 32 > .mailserver/demo/auth-secret
export AUTH_SECRET="$(cat .mailserver/demo/auth-secret)" PORT="${PORT:-3000}"
export NEXTAUTH_URL="http://localhost:$PORT"
npm run build
cat <<MSG

  Satchel is running at  http://localhost:$PORT
  Sign in as             alice@satchel.test   password: alice-pass-1
  or                     bob@satchel.test     password: bob-pass-1
  (mail between them is delivered by the local Postfix and Dovecot; Ctrl+C stops the app,
   'npm run mailserver stop' with MAILSERVER_DIR=$MAILSERVER_DIR stops the mail server)

MSG
HOSTNAME_BIND=127.0.0.1 exec bash scripts/start.sh
