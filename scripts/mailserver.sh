#!/usr/bin/env bash
# Satchel's own loopback mail server (Dovecot IMAP + Postfix submission) for tests, demo, bench.
#
#   bash scripts/mailserver.sh {install|start|stop|restart|stop-dovecot|restart-dovecot|status|env|reset-user USER}
#
#   MAILSERVER_DIR        state dir (default <project>/.mailserver/test); everything lives there
#   MAILSERVER_PORT_BASE  default 12000: IMAP +143 (STARTTLS), IMAPS +993, submission +587
#                         (STARTTLS + AUTH), submissions +465 (TLS + AUTH), inbound SMTP +25
#                         (no AUTH, only mail FOR the local domain)
#   MAILSERVER_DOMAIN     default satchel.test: the mail domain of this instance (a second instance
#                         for another domain gets the same user names @ that domain)
#   MAILSERVER_METADATA   default yes; "no" starts Dovecot without IMAP METADATA (imap_metadata = no,
#                         Dovecot's own default and what many hosting providers run)
#
# Domain satchel.test; users alice/bob/carol/dave/erin/frank/bulk and the per-feature test users in
# USERS below, all @satchel.test, password "<name>-pass-1". SENDER_ALIASES lists extra From addresses.
# Mail to any other domain is accepted but delivered to the local capture mailbox
# outside@satchel.test (password outside-pass-1); Postfix has no smtp/relay client at all.
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEMPLATES="$PROJECT_DIR/scripts/mailserver"
STATE="${MAILSERVER_DIR:-$PROJECT_DIR/.mailserver/test}"
BASE="${MAILSERVER_PORT_BASE:-12000}"
DOMAIN="${MAILSERVER_DOMAIN:-satchel.test}"
METADATA="${MAILSERVER_METADATA:-yes}"
MAIL_USER=satchelmail
USERS="alice bob carol dave erin frank bulk outside org find live keys writer drafter admin setup grace"
# Extra From addresses Postfix lets a user send as (sender_login): "address:user".
SENDER_ALIASES="sales:writer info:drafter"
PACKAGES="dovecot-core dovecot-imapd dovecot-lmtpd postfix openssl"

IMAP_PORT=$((BASE + 143)) IMAPS_PORT=$((BASE + 993))
SUBMISSION_PORT=$((BASE + 587)) SUBMISSIONS_PORT=$((BASE + 465)) INBOUND_PORT=$((BASE + 25))

log() { printf 'mailserver: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$BASE" =~ ^[0-9]+$ ]] && ((BASE >= 1024 && BASE <= 64000)) || die "MAILSERVER_PORT_BASE must be 1024..64000"
[[ "$METADATA" == yes || "$METADATA" == no ]] || die "MAILSERVER_METADATA must be yes or no"
mkdir -p "$STATE"
STATE="$(cd "$STATE" && pwd)"
SPOOL="$STATE/spool"
POSTFIX_DIR="$STATE/postfix"

need_root() { [[ $EUID -eq 0 ]] || die "run as root (the daemons switch to their own users)"; }

# --- install ------------------------------------------------------------------------------
missing_packages() {
  local pkg out=()
  for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || out+=("$pkg")
  done
  echo "${out[*]:-}"
}

POLICY=/usr/sbin/policy-rc.d POLICY_BACKUP=""
restore_policy() {
  if [[ -n "$POLICY_BACKUP" ]]; then cp -p "$POLICY_BACKUP" "$POLICY"; rm -f "$POLICY_BACKUP"; else rm -f "$POLICY"; fi
}

cmd_install() {
  need_root
  local missing; missing="$(missing_packages)"
  if [[ -n "$missing" ]]; then
    log "installing: $missing"
    # Package scripts would start the system-wide daemons on 0.0.0.0:143/993/25: forbid it.
    POLICY_BACKUP=""
    if [[ -e $POLICY ]]; then POLICY_BACKUP="$(mktemp)"; cp -p "$POLICY" "$POLICY_BACKUP"; fi
    trap restore_policy EXIT
    printf '#!/bin/sh\nexit 101\n' >"$POLICY"; chmod 755 "$POLICY"
    echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
    export DEBIAN_FRONTEND=noninteractive
    local pkg
    for pkg in $missing; do
      if ! apt-cache show "$pkg" >/dev/null 2>&1; then apt-get update -qq; break; fi
    done
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing </dev/null
    restore_policy; trap - EXIT
  fi
  if ! id -u "$MAIL_USER" >/dev/null 2>&1; then
    log "creating system user $MAIL_USER"
    useradd --system --user-group --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin "$MAIL_USER"
  fi
}

# --- configuration ------------------------------------------------------------------------
have_ipv6_loopback() { grep -q '^00000000000000000000000000000001 .* lo$' /proc/net/if_inet6 2>/dev/null; }

# Dovecot's auth and mail processes (dovecot, satchelmail) and Postfix (postfix) open some files
# by absolute path. If they cannot reach the state dir (a clone under /root, mode 0700), keep
# those (users, dovecot.conf, Maildirs, postfix-data, lda.log) in /var/lib instead, linked
# from the state dir.
data_dir() {
  local u
  for u in "$MAIL_USER" dovecot postfix; do
    runuser -u "$u" -- test -x "$STATE" || { echo "/var/lib/satchel-mailserver/$(printf '%s' "$STATE" | sha256sum | cut -c1-16)"; return; }
  done
  echo "$STATE"
}
# Where the files live that non-root daemons open by path (see data_dir); STATE when possible.
DATA="$STATE"
if [[ $EUID -eq 0 ]] && id -u "$MAIL_USER" >/dev/null 2>&1 && id -u postfix >/dev/null 2>&1; then DATA="$(data_dir)"; fi
DOVECOT_RUN="$DATA/run/dovecot"

sed_escape() { printf '%s' "$1" | sed -e 's/[\/&|]/\\&/g'; }

render() { # template output
  local uid gid listen=127.0.0.1 interfaces=127.0.0.1 protocols=ipv4
  uid="$(id -u "$MAIL_USER")" gid="$(id -g "$MAIL_USER")"
  if have_ipv6_loopback; then listen='127.0.0.1, ::1' interfaces='127.0.0.1, [::1]' protocols=all; fi
  sed -e "s|@STATE@|$(sed_escape "$STATE")|g" -e "s|@DATA@|$(sed_escape "$DATA")|g" \
    -e "s|@SPOOL@|$(sed_escape "$SPOOL")|g" -e "s|@DOMAIN@|$DOMAIN|g" \
    -e "s|@UID@|$uid|g" -e "s|@GID@|$gid|g" -e "s|@MAIL_USER@|$MAIL_USER|g" \
    -e "s|@IMAP_PORT@|$IMAP_PORT|g" -e "s|@IMAPS_PORT@|$IMAPS_PORT|g" \
    -e "s|@LISTEN@|$listen|g" -e "s|@INET_INTERFACES@|$interfaces|g" \
    -e "s|@INET_PROTOCOLS@|$protocols|g" -e "s|@DH@|/usr/share/dovecot/dh.pem|g" \
    -e "s|@INSTANCE@|satchel-$BASE|g" -e "s|@IMAP_METADATA@|$METADATA|g" "$1" >"$2.tmp"
  mv "$2.tmp" "$2"
}

master_inet_services() {
  local hosts=(127.0.0.1) h
  have_ipv6_loopback && hosts+=('[::1]')
  for h in "${hosts[@]}"; do
    cat <<EOF
$h:$INBOUND_PORT inet n - n - - smtpd
  -o syslog_name=postfix/inbound
  -o smtpd_sasl_auth_enable=no
  -o smtpd_relay_restrictions=reject_unauth_destination
$h:$SUBMISSION_PORT inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_sender_restrictions=reject_authenticated_sender_login_mismatch
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination
$h:$SUBMISSIONS_PORT inet n - n - - smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_sender_restrictions=reject_authenticated_sender_login_mismatch
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination
EOF
  done
}

make_cert() {
  local tls="$STATE/tls"
  [[ -s "$tls/cert.pem" && -s "$tls/key.pem" ]] && return 0
  log "creating self-signed certificate $tls/cert.pem"
  mkdir -p "$tls"; chmod 755 "$tls"
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -days 3650 -subj "/CN=localhost/O=Satchel test mail server" \
    -addext "subjectAltName=DNS:localhost,DNS:mail.$DOMAIN,IP:127.0.0.1,IP:::1" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,digitalSignature,keyCertSign" \
    -addext "extendedKeyUsage=serverAuth" \
    -keyout "$tls/key.pem.tmp" -out "$tls/cert.pem.tmp" 2>/dev/null) || die "openssl failed"
  mv "$tls/key.pem.tmp" "$tls/key.pem"; mv "$tls/cert.pem.tmp" "$tls/cert.pem"
  chmod 600 "$tls/key.pem"; chmod 644 "$tls/cert.pem"
}

write_users() {
  local u hash tmp="$DATA/users.tmp"
  : >"$tmp"
  for u in $USERS; do
    hash="$(openssl passwd -6 "$u-pass-1")"
    printf '%s@%s:{SHA512-CRYPT}%s::::::\n' "$u" "$DOMAIN" "$hash" >>"$tmp"
  done
  chown root:dovecot "$tmp"; chmod 640 "$tmp"; mv "$tmp" "$DATA/users"
  : >"$POSTFIX_DIR/vmailbox.tmp"; : >"$POSTFIX_DIR/sender_login.tmp"
  for u in $USERS; do
    printf '%s@%s OK\n' "$u" "$DOMAIN" >>"$POSTFIX_DIR/vmailbox.tmp"
    printf '%s@%s %s@%s\n' "$u" "$DOMAIN" "$u" "$DOMAIN" >>"$POSTFIX_DIR/sender_login.tmp"
  done
  local alias
  for alias in $SENDER_ALIASES; do
    printf '%s@%s %s@%s\n' "${alias%%:*}" "$DOMAIN" "${alias#*:}" "$DOMAIN" >>"$POSTFIX_DIR/sender_login.tmp"
  done
  mv "$POSTFIX_DIR/vmailbox.tmp" "$POSTFIX_DIR/vmailbox"
  mv "$POSTFIX_DIR/sender_login.tmp" "$POSTFIX_DIR/sender_login"
  printf 'postmaster@%s outside@%s\nabuse@%s outside@%s\n' "$DOMAIN" "$DOMAIN" "$DOMAIN" "$DOMAIN" \
    >"$POSTFIX_DIR/virtual"
  # Mail to an alias reaches its owner.
  for alias in $SENDER_ALIASES; do
    printf '%s@%s %s@%s\n' "${alias%%:*}" "$DOMAIN" "${alias#*:}" "$DOMAIN" >>"$POSTFIX_DIR/virtual"
  done
}

configure() {
  DATA="$(data_dir)" DOVECOT_RUN="$DATA/run/dovecot"
  mkdir -p "$STATE"/{log,lib/dovecot} "$POSTFIX_DIR" "$SPOOL/private" "$DATA"/{mail,postfix-data,log,run}
  if [[ "$DATA" != "$STATE" ]]; then
    log "state dir not reachable by $MAIL_USER/dovecot/postfix; their files live in $DATA"
    chmod 755 /var/lib/satchel-mailserver "$DATA" "$DATA/log"
    local f
    for f in mail postfix-data dovecot.conf log/lda.log run; do ln -sfn "$DATA/$f" "$STATE/$f"; done
  fi
  chown "$MAIL_USER:$MAIL_USER" "$DATA/mail"; chmod 750 "$DATA/mail"
  chown postfix "$DATA/postfix-data" "$SPOOL/private"; chmod 700 "$SPOOL/private"
  touch "$DATA/log/lda.log"; chown "$MAIL_USER" "$DATA/log/lda.log"
  make_cert
  write_users
  render "$TEMPLATES/dovecot.conf.in" "$DATA/dovecot.conf"
  chmod 644 "$DATA/dovecot.conf"
  render "$TEMPLATES/main.cf.in" "$POSTFIX_DIR/main.cf"
  render "$TEMPLATES/master.cf.in" "$POSTFIX_DIR/master.cf.tmp"
  local services; services="$(master_inet_services)"
  awk -v s="$services" '$0 == "@INET_SERVICES@" { print s; next } { print }' \
    "$POSTFIX_DIR/master.cf.tmp" >"$POSTFIX_DIR/master.cf"
  rm -f "$POSTFIX_DIR/master.cf.tmp"
}

write_env() {
  env_lines >"$STATE/env.tmp"; mv "$STATE/env.tmp" "$STATE/env"
}

# --- processes ----------------------------------------------------------------------------
dovecot_pid() { local f="$DOVECOT_RUN/master.pid"; [[ -s $f ]] && cat "$f"; }
postfix_pid() { local f="$SPOOL/pid/master.pid"; [[ -s $f ]] && tr -d ' ' <"$f"; }
alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
dovecot_running() { alive "$(dovecot_pid || true)"; }
postfix_running() { alive "$(postfix_pid || true)"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_ports() {
  local i p
  for ((i = 0; i < 150; i++)); do
    for p in "$IMAP_PORT" "$IMAPS_PORT" "$SUBMISSION_PORT" "$SUBMISSIONS_PORT" "$INBOUND_PORT"; do
      port_open "$p" || { sleep 0.1; continue 2; }
    done
    return 0
  done
  return 1
}

# Run a daemon launcher with no inherited file descriptors beyond 0-2 (a lock fd inherited by
# the Dovecot master would be held forever) and stdio on a log file, in its own session.
launch() {
  local logfile="$1"; shift
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"; ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null || true
    done
    exec setsid "$@" </dev/null >>"$logfile" 2>&1
  )
}

cmd_start() {
  need_root
  cmd_install
  exec 9>"$STATE/.lock"
  flock -w 60 9 || die "another start/stop holds $STATE/.lock"
  if dovecot_running && postfix_running; then
    write_env
    log "already running"; cmd_status; return 0
  fi
  configure
  write_env
  if ! dovecot_running; then
    rm -f "$DOVECOT_RUN/master.pid"
    launch "$STATE/log/dovecot-start.log" dovecot -c "$DATA/dovecot.conf" \
      || { tail -n 20 "$STATE/log/dovecot-start.log" "$STATE/log/dovecot.log" >&2 2>/dev/null; die "dovecot failed to start"; }
  fi
  if ! postfix_running; then
    launch "$STATE/log/postfix-start.log" postfix -c "$POSTFIX_DIR" start \
      || { tail -n 20 "$STATE/log/postfix-start.log" "$STATE/log/postfix.log" >&2 2>/dev/null; die "postfix failed to start"; }
  fi
  if ! wait_ports; then
    tail -n 20 "$STATE/log/dovecot.log" "$STATE/log/postfix.log" >&2 2>/dev/null || true
    die "ports did not open within 15 s"
  fi
  cmd_status
}

stop_pid() { # name pid
  local i
  alive "$2" || return 0
  kill -TERM "$2" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do alive "$2" || return 0; sleep 0.1; done
  log "$1 (pid $2) did not stop in 10 s; sending KILL"; kill -KILL "$2" 2>/dev/null || true
}

cmd_stop() {
  exec 9>"$STATE/.lock"
  flock -w 60 9 || die "another start/stop holds $STATE/.lock"
  stop_pid postfix "$(postfix_pid || true)"
  stop_pid dovecot "$(dovecot_pid || true)"
  rm -f "$DOVECOT_RUN/master.pid"
  log "stopped ($STATE)"
}

# Dovecot alone, the way an IMAP server outage looks to clients; Postfix keeps accepting and queueing.
# `start` brings it back (it starts whichever daemon is not running).
cmd_stop_dovecot() {
  (
    exec 9>"$STATE/.lock"
    flock -w 60 9 || die "another start/stop holds $STATE/.lock"
    stop_pid dovecot "$(dovecot_pid || true)"
    rm -f "$DOVECOT_RUN/master.pid"
    log "dovecot stopped ($STATE)"
  )
}

cmd_status() {
  local d p rc=0
  d="$(dovecot_pid || true)" p="$(postfix_pid || true)"
  if alive "$d"; then log "dovecot running (pid $d)"; else log "dovecot not running"; rc=1; fi
  if alive "$p"; then log "postfix running (pid $p)"; else log "postfix not running"; rc=1; fi
  if ((rc == 0)); then
    log "IMAP 127.0.0.1:$IMAP_PORT (STARTTLS), IMAPS :$IMAPS_PORT, submission :$SUBMISSION_PORT, submissions :$SUBMISSIONS_PORT, inbound :$INBOUND_PORT; state $STATE"
  fi
  return $rc
}

shell_quote() { if [[ "$1" =~ ^[A-Za-z0-9_./:@-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi; }

env_lines() {
  local mailroot="$STATE/mail"
  cat <<EOF
IMAP_URL=imap://127.0.0.1:$IMAP_PORT
IMAPS_URL=imaps://127.0.0.1:$IMAPS_PORT
SMTP_URL=smtp://127.0.0.1:$SUBMISSION_PORT
SMTPS_URL=smtps://127.0.0.1:$SUBMISSIONS_PORT
SMTP_INBOUND_URL=smtp://127.0.0.1:$INBOUND_PORT
MAIL_CA_FILE=$(shell_quote "$STATE/tls/cert.pem")
MAIL_DOMAIN=$DOMAIN
MAILSERVER_DIR=$(shell_quote "$STATE")
MAILSERVER_MAIL_ROOT=$(shell_quote "$mailroot")
MAILSERVER_DOVECOT_CONF=$(shell_quote "$STATE/dovecot.conf")
EOF
}

cmd_reset_user() {
  need_root
  local user="${1:-}"
  [[ -n "$user" ]] || die "usage: reset-user USER (alice or alice@$DOMAIN)"
  [[ "$user" == *@* ]] || user="$user@$DOMAIN"
  local name="${user%@*}"
  [[ " $USERS " == *" $name "* && "${user#*@}" == "$DOMAIN" ]] || die "unknown user $user"
  # Close the user's IMAP sessions first so no process keeps writing to a deleted Maildir.
  if dovecot_running; then doveadm -c "$STATE/dovecot.conf" kick "$user" >/dev/null 2>&1 || true; fi
  rm -rf "${STATE:?}/mail/$DOMAIN/$name"
  log "emptied $user (Dovecot recreates the Maildir and special-use folders on next login)"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  stop-dovecot) cmd_stop_dovecot ;;
  restart-dovecot) cmd_stop_dovecot; cmd_start ;;
  status) cmd_status ;;
  env) env_lines ;;
  reset-user | reset) shift; cmd_reset_user "${1:-}" ;;
  *) echo "usage: $0 {install|start|stop|restart|stop-dovecot|restart-dovecot|status|env|reset-user USER}" >&2; exit 2 ;;
esac
