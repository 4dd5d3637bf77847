#!/bin/sh
# faxserver: stop FreeSWITCH without cutting calls in progress.
#   freeswitch-drain [max-seconds]      (default: FREESWITCH_DRAIN_SECONDS, else 75)
# 1. `fsctl pause inbound`: new inbound calls are refused (503), outbound ones still run;
# 2. waits until `show calls count` reports 0, at most max-seconds;
# 3. `fsctl shutdown elegant`: FreeSWITCH stops once the remaining calls ended.
# Used by the image's entrypoint on SIGTERM (docker compose stop) and by the Kubernetes preStop hook
# (k8s/telephony.yaml, which spells the same steps out). The password is the one the entrypoint
# wrote into FreeSWITCH's configuration (FREESWITCH_ESL_PASSWORD).
max="${1:-${FREESWITCH_DRAIN_SECONDS:-75}}"
cli() {
  fs_cli -p "${FREESWITCH_ESL_PASSWORD:-}" -x "$1"
}
cli 'fsctl pause inbound' >/dev/null 2>&1 || exit 0   # FreeSWITCH not running: nothing to drain
waited=0
while [ "$waited" -lt "$max" ]; do
  calls=$(cli 'show calls count' 2>/dev/null | awk '/total/ {print $1; exit}')
  [ "${calls:-0}" = "0" ] && break
  sleep 1
  waited=$((waited + 1))
done
cli 'fsctl shutdown elegant' >/dev/null 2>&1 || true
