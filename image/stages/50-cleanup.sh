#!/usr/bin/env bash
# Stage 50: nothing machine-specific or cached stays in the image: every card gets its own
# machine-id at first boot, and apt's downloads and lists are dropped (apt-get update restores them).
# Usage: 50-cleanup.sh ROOTFS
set -euo pipefail
. "$(dirname "$0")/common.sh"
rootfs=$1
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/*.log
: > "$rootfs/etc/machine-id"
rm -f "$rootfs/var/lib/dbus/machine-id"
log "cleaned"
