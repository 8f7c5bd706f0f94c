#!/usr/bin/env bash
# Stage 11 (mmdebstrap essential hook, before the kernel is installed): divert update-initramfs
# to a no-op so no initramfs is built while packages install; stage 40 undoes it and builds once.
# Also keeps /usr/share/man/man1: stage 10 leaves man pages out, and the JRE's postinst fails when
# update-alternatives cannot make its java.1.gz link there.
# Usage: 11-divert-initramfs.sh ROOTFS
set -euo pipefail
. "$(dirname "$0")/common.sh"
rootfs=$1
chroot "$rootfs" dpkg-divert --local --rename --divert /usr/sbin/update-initramfs.piot-real --add /usr/sbin/update-initramfs
mkdir -p "$rootfs/usr/sbin"
printf '#!/bin/sh\necho "update-initramfs: deferred to the image build (stage 40)" >&2\nexit 0\n' > "$rootfs/usr/sbin/update-initramfs"
chmod 755 "$rootfs/usr/sbin/update-initramfs"
mkdir -p "$rootfs/usr/share/man/man1"
log "update-initramfs deferred"
