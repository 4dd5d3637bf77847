#!/bin/sh
# faxserver: FreeSWITCH entrypoint (docker/freeswitch/Dockerfile; docker-compose and Kubernetes).
#
# 1. Refuses to start without a real event socket password: FREESWITCH_ESL_PASSWORD must be set and
#    must not be FreeSWITCH's default ClueCon or one of the shipped placeholders. It is the one
#    source of the password: esl-gateway (FAXSERVER_FREESWITCH_PASSWORD), fs_cli in the probes and
#    healthchecks, and FreeSWITCH's esl_password all take it from the same variable / Secret key.
# 2. Builds the configuration directory FreeSWITCH reads (-conf): symlinks to /etc/freeswitch (read-only
#    in compose and Kubernetes) plus vars.d/zzz-esl-password.xml (sorted last, so it wins) holding
#    that password.
#    A vars.d file of the deployment that sets esl_password itself is refused (two sources).
# 3. Runs FreeSWITCH in the foreground. On SIGTERM/SIGINT it drains first (freeswitch-drain: no
#    new inbound calls, bounded wait for calls in progress, then `fsctl shutdown elegant`), so a
#    `docker compose stop` (stop_grace_period 90s) does not cut faxes in progress.
set -eu

fail() {
  echo "freeswitch entrypoint: $*" >&2
  exit 64
}

password="${FREESWITCH_ESL_PASSWORD:-}"
[ -n "$password" ] || fail "FREESWITCH_ESL_PASSWORD is not set (compose: export FAXSERVER_FREESWITCH_PASSWORD=\$(openssl rand -hex 16); Kubernetes: Secret faxserver-esl key password)"
lower=$(printf '%s' "$password" | tr 'A-Z' 'a-z')
case "$lower" in
  cluecon | change-me* | changeme* | *placeholder* | a-long-random-secret | secret | password)
    fail "FREESWITCH_ESL_PASSWORD is the default ClueCon or a placeholder; set a random one (openssl rand -hex 16)" ;;
esac
[ "${#password}" -ge 12 ] || fail "FREESWITCH_ESL_PASSWORD is shorter than 12 characters"
case "$password" in
  *[!A-Za-z0-9._~+=-]*) fail "FREESWITCH_ESL_PASSWORD may only contain A-Z a-z 0-9 . _ ~ + = - (it is written into XML and passed to fs_cli)" ;;
esac

src="${FREESWITCH_CONF_SOURCE:-/etc/freeswitch}"
conf="${FREESWITCH_CONF_DIR:-/run/freeswitch/conf}"
[ -f "$src/freeswitch.xml" ] || fail "no $src/freeswitch.xml"
for f in "$src"/vars.d/*.xml; do
  [ -f "$f" ] || continue
  if grep -q 'data="esl_password=' "$f"; then
    fail "$f sets esl_password; set FREESWITCH_ESL_PASSWORD instead (one source for FreeSWITCH, esl-gateway and fs_cli)"
  fi
done

# The configuration FreeSWITCH reads: symlinks to every entry of $src (so an edit there plus
# `fs_cli -x reloadxml` still works), except vars.d/, whose files are linked one by one next to the
# generated password file. New vars.d files need a restart (as every vars change does).
rm -rf "$conf"
mkdir -p "$conf/vars.d" /run/freeswitch/run /var/log/freeswitch /var/lib/freeswitch/db
for entry in "$src"/*; do
  [ "${entry##*/}" = vars.d ] || ln -s "$entry" "$conf/${entry##*/}"
done
for entry in "$src"/vars.d/*; do
  [ -e "$entry" ] && ln -s "$entry" "$conf/vars.d/${entry##*/}"
done
umask 077
cat > "$conf/vars.d/zzz-esl-password.xml" <<XML
<include>
  <X-PRE-PROCESS cmd="set" data="esl_password=$password"/>
</include>
XML
umask 022

freeswitch -nonat -c \
  -conf "$conf" -log /var/log/freeswitch -db /var/lib/freeswitch/db -run /run/freeswitch/run "$@" &
child=$!

stop() {
  /usr/local/bin/freeswitch-drain "${FREESWITCH_DRAIN_SECONDS:-75}" || kill -TERM "$child" 2>/dev/null || true
}
trap stop TERM INT

rc=0
while kill -0 "$child" 2>/dev/null; do
  wait "$child" && rc=0 || rc=$?
done
exit "$rc"
