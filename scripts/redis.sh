#!/usr/bin/env bash
# A loopback Redis for tests (shared sessions and rate limits): Debian's redis-server, no persistence.
#
#   bash scripts/redis.sh {start|stop|status|url}
#
#   REDIS_PORT  default 16379 (127.0.0.1 only); state in <project>/.mailserver/redis/<port>, so
#               each port's Redis is started and stopped on its own
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${REDIS_PORT:-16379}"
STATE="$PROJECT_DIR/.mailserver/redis/$PORT"
PIDFILE="$STATE/redis.pid"

log() { printf 'redis: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT >= 1024 && PORT <= 65535)) || die "REDIS_PORT must be 1024..65535"

POLICY=/usr/sbin/policy-rc.d POLICY_BACKUP=""
restore_policy() {
  if [[ -n "$POLICY_BACKUP" ]]; then cp -p "$POLICY_BACKUP" "$POLICY"; rm -f "$POLICY_BACKUP"; else rm -f "$POLICY"; fi
}

install() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  [[ $EUID -eq 0 ]] || die "redis-server is missing; run as root to install it"
  log "installing redis-server"
  # The package would start a system-wide Redis on 6379: forbid it, we run our own.
  if [[ -e $POLICY ]]; then POLICY_BACKUP="$(mktemp)"; cp -p "$POLICY" "$POLICY_BACKUP"; fi
  trap restore_policy EXIT
  printf '#!/bin/sh\nexit 101\n' >"$POLICY"; chmod 755 "$POLICY"
  export DEBIAN_FRONTEND=noninteractive
  apt-cache show redis-server >/dev/null 2>&1 || apt-get update -qq
  apt-get install -y -qq --no-install-recommends redis-server redis-tools </dev/null
  restore_policy; trap - EXIT
}

pid() { [[ -s $PIDFILE ]] && cat "$PIDFILE"; }
alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
ping() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

cmd_start() {
  install
  mkdir -p "$STATE"
  if alive "$(pid || true)" && ping; then log "already running on 127.0.0.1:$PORT"; return 0; fi
  rm -f "$PIDFILE"
  # No RDB snapshots, no AOF: test data only. Loopback only, protected mode on.
  redis-server --port "$PORT" --bind 127.0.0.1 --protected-mode yes --save '' --appendonly no \
    --dir "$STATE" --pidfile "$PIDFILE" --logfile "$STATE/redis.log" --daemonize yes \
    || die "redis-server failed to start (see $STATE/redis.log)"
  local i
  for ((i = 0; i < 100; i++)); do ping && { log "running on 127.0.0.1:$PORT (pid $(pid))"; return 0; }; sleep 0.1; done
  tail -n 20 "$STATE/redis.log" >&2 || true
  die "redis did not answer within 10 s"
}

cmd_stop() {
  local p i; p="$(pid || true)"
  if alive "$p"; then
    kill -TERM "$p"
    for ((i = 0; i < 100; i++)); do alive "$p" || break; sleep 0.1; done
    alive "$p" && { log "pid $p did not stop in 10 s; sending KILL"; kill -KILL "$p" 2>/dev/null || true; }
  fi
  rm -f "$PIDFILE"
  log "stopped"
}

cmd_status() {
  local p; p="$(pid || true)"
  if alive "$p" && ping; then log "running on 127.0.0.1:$PORT (pid $p)"; else log "not running"; return 1; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "redis://127.0.0.1:$PORT" ;;
  *) echo "usage: $0 {start|stop|status|url}" >&2; exit 2 ;;
esac
