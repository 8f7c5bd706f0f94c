#!/usr/bin/env bash
# Stage 00: the host can build an arm64 root. Installs the host tools listed in
# packages/host.list and makes sure arm64 binaries run (binfmt_misc is often not mounted in
# containers and VMs, and mmdebstrap's maintainer scripts run under qemu-user-static).
set -euo pipefail
. "$(dirname "$0")/common.sh"

mapfile -t want < <(package_list "$IMAGE_DIR/packages/host.list")
missing=()
for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing host packages: ${missing[*]}"
    # Wait for another apt/dpkg run (a fresh machine is often still installing) instead of failing.
    apt-get -o DPkg::Lock::Timeout=900 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! mountpoint -q /proc/sys/fs/binfmt_misc; then
    mount binfmt_misc -t binfmt_misc /proc/sys/fs/binfmt_misc
fi
update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
if ! arch-test arm64 >/dev/null 2>&1; then
    log "this host cannot run arm64 binaries (arch-test arm64 fails) even with qemu-user-static"
    exit 1
fi
log "host ready: $(mmdebstrap --version), arm64 emulation ok"
