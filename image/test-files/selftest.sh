# Runs inside the booted test image (piot-selftest.service, as root); image/test puts it on the
# boot partition with a header setting SCENARIO (good | broken), EXPECT_HOST, ORIG_ROOT_KIB and
# PIOT_TEST_HTTP. One line per check; exit status = number of failures. To check more (the HTTP
# API, MQTT), add lines here: http_get returns the body of GET PATH on the gateway.
set -u
fails=0
ok() { echo "ok   - $*"; }
bad() { echo "FAIL - $*"; fails=$((fails + 1)); }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
wait_for() { local secs=$1 i; shift; for ((i = 0; i < secs; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done; return 1; }
http_get() {
    exec 3<>/dev/tcp/127.0.0.1/8080 || return 1
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
    timeout 10 cat <&3
    exec 3<&-
}
firstboot_settled() { [ "$(systemctl show -p ActiveState --value piot-firstboot)" != activating ]; }

echo "scenario $SCENARIO, kernel $(uname -r), $(nproc) cpus, booted in $(cut -d' ' -f1 /proc/uptime) s"
wait_for 300 firstboot_settled || bad "first boot finished within 300 s"
journalctl -b -u piot-firstboot -o cat --no-pager | sed 's/^/firstboot| /'
fb=$(systemctl show -p Result --value piot-firstboot)

if [ "$SCENARIO" = good ]; then
    [ "$fb" = success ] && ok "first boot succeeded" || bad "first boot result: $fb"
    if wait_for 180 systemctl is-active --quiet piot; then
        # Still active a few seconds later: it did not just start and crash.
        sleep 5
        check "piot.service is active (up $(systemctl show -p ActiveEnterTimestamp --value piot))" systemctl is-active --quiet piot
    else
        bad "piot.service is active: $(systemctl is-active piot); $(systemctl show -p Result -p ExecMainStatus piot | tr '\n' ' ')"
        journalctl -b -u piot -o cat --no-pager | tail -n 20 | sed 's/^/piot| /'
    fi
    check "piot.service is enabled" test "$(systemctl is-enabled piot)" = enabled
    v=$(piot --version 2>&1) && ok "piot --version: $v" || bad "piot --version: $v"
    pid=$(systemctl show -p MainPID --value piot)
    [ "$pid" != 0 ] && check "gateway runs as user piot" test "$(ps -o user= -p "$pid")" = piot
    [ "$pid" != 0 ] && check "gateway is in groups gpio and i2c" sh -c "ps -o supgrp= -p $pid | grep -q gpio && ps -o supgrp= -p $pid | grep -q i2c"
    journalctl -b -u piot -o cat --no-pager | head -n 5 | sed 's/^/piot| /'
    check "host name is the node name ($EXPECT_HOST)" test "$(hostname)" = "$EXPECT_HOST"
    check "config installed from the boot partition" cmp /etc/piot/piot.yaml /boot/firmware/piot.yaml.applied
    check "config is root:piot 0640" test "$(stat -c %U:%G:%a /etc/piot/piot.yaml)" = root:piot:640
    check "node key installed root:piot 0640" test "$(stat -c %U:%G:%a /etc/piot/test-node.key)" = root:piot:640
    check "node certificate installed" test -f /etc/piot/test-node.crt
    check "node key removed from the boot partition" test ! -e /boot/firmware/test-node.key
    check "no first-boot error" test ! -e /var/lib/piot/firstboot-error.txt
    root_kib=$(tune2fs -l "$(findmnt -n -o SOURCE /)" | awk -F: '/^Block count/ {n=$2} /^Block size/ {b=$2} END {print int(n * b / 1024)}')
    [ "$root_kib" -gt "$ORIG_ROOT_KIB" ] && ok "root grown to the disk: ${ORIG_ROOT_KIB} -> ${root_kib} KiB" || bad "root not grown: ${root_kib} KiB (was ${ORIG_ROOT_KIB})"
    systemd-analyze security piot --no-pager 2>/dev/null | tail -n 1 | sed 's/^/sandbox: /'
    if [ "${PIOT_TEST_HTTP:-0}" = 1 ]; then
        body=$(http_get / 2>&1) && echo "$body" | head -n 1 | grep -q ' 200' && ok "HTTP GET / answers 200" || bad "HTTP GET /: $(echo "$body" | head -n 1)"
    fi
    # Graceful stop: SIGTERM, the JVM exits 143, which the unit counts as success.
    systemctl stop piot
    check "stop is clean ($(systemctl show -p Result -p ExecMainStatus piot | tr '\n' ' '))" test "$(systemctl show -p Result --value piot)" = success
else
    [ "$fb" != success ] && ok "first boot refused the broken config (result: $fb)" || bad "first boot accepted the broken config"
    check "piot.service is not running" sh -c '! systemctl is-active --quiet piot'
    check "piot.service is not enabled" sh -c '[ "$(systemctl is-enabled piot)" != enabled ]'
    if [ -s /var/lib/piot/firstboot-error.txt ]; then
        sed 's/^/error-file| /' /var/lib/piot/firstboot-error.txt
        check "error file names the boot partition file with line:column" grep -Eq '^/boot/firmware/piot.yaml:[0-9]+:[0-9]+: ' /var/lib/piot/firstboot-error.txt
        check "error file readable by piot (status page)" test "$(stat -c %U /var/lib/piot/firstboot-error.txt)" = piot
    else
        bad "/var/lib/piot/firstboot-error.txt written"
    fi
    check "the error is in the journal" sh -c 'journalctl -b -u piot-firstboot -o cat | grep -q "is not valid"'
    check "broken file left on the card for fixing" test -f /boot/firmware/piot.yaml
    check "first boot will run again next boot" test ! -e /var/lib/piot/.firstboot-done
fi
echo "$fails failure(s)"
exit "$fails"
