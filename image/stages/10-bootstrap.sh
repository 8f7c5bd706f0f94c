#!/usr/bin/env bash
# Stage 10: the Debian root file system, from Debian's packages only (mmdebstrap, arm64 under
# qemu-user-static). update-initramfs is diverted to a no-op while packages install, because the
# kernel's postinst and then the initramfs-tools trigger would each build it (~3 min apiece
# under emulation); stage 40 builds it once, when the whole system is in place.
# Usage: 10-bootstrap.sh ROOTFS PIOT_DEB
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
rootfs=$1
deb=$2

include=$(package_list "$IMAGE_DIR/packages/rootfs.list" | paste -sd, -)
log "mmdebstrap $SUITE arm64 (minbase + $(package_list "$IMAGE_DIR/packages/rootfs.list" | wc -l) packages) into $rootfs"
# Never rm -rf through a /dev or /proc left mounted by an interrupted run.
if grep -q " $rootfs/" /proc/mounts; then
    log "file systems are still mounted under $rootfs (an interrupted build?); unmount them first:"
    grep " $rootfs/" /proc/mounts >&2
    exit 1
fi
rm -rf "$rootfs"
mmdebstrap --mode=root --arch=arm64 --variant=minbase \
    --components=main,non-free-firmware \
    --include="$include" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook="$here/11-divert-initramfs.sh \"\$1\"" \
    --customize-hook="$here/20-piot.sh \"\$1\" '$deb'" \
    --customize-hook="$here/30-configure.sh \"\$1\"" \
    --customize-hook="$here/40-initramfs.sh \"\$1\"" \
    --customize-hook="$here/50-cleanup.sh \"\$1\"" \
    "$SUITE" "$rootfs" "$MIRROR"
log "root file system ready: $(du -sh "$rootfs" | cut -f1)"
