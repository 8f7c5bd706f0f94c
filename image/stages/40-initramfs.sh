#!/usr/bin/env bash
# Stage 40: the one initramfs build. Undoes stage 11's diversion and runs update-initramfs
# once for the installed kernel; raspi-firmware's hook then copies kernel, initrd, DTBs and
# firmware into /boot/firmware and writes config.txt and cmdline.txt. The hook aborts without
# /proc ("missing /boot/firmware"), so /proc is mounted for it when mmdebstrap has not.
# Usage: 40-initramfs.sh ROOTFS
set -euo pipefail
. "$(dirname "$0")/common.sh"
rootfs=$1

rm -f "$rootfs/usr/sbin/update-initramfs"
chroot "$rootfs" dpkg-divert --local --rename --divert /usr/sbin/update-initramfs.piot-real --remove /usr/sbin/update-initramfs
mounted=""
if ! mountpoint -q "$rootfs/proc"; then mount -t proc proc "$rootfs/proc"; mounted=yes; fi
trap '[ -z "$mounted" ] || umount "$rootfs/proc"' EXIT
kver=$(basename "$(ls -d "$rootfs"/lib/modules/* | sort -V | tail -n 1)")
log "building the initramfs for $kver (once)"
chroot "$rootfs" update-initramfs -c -k "$kver"
for f in config.txt cmdline.txt; do
    [ -s "$rootfs/boot/firmware/$f" ] || { log "raspi-firmware did not write /boot/firmware/$f"; exit 1; }
done
grep -q 'root=LABEL=RASPIROOT' "$rootfs/boot/firmware/cmdline.txt" ||
    { log "cmdline.txt does not boot LABEL=RASPIROOT: $(cat "$rootfs/boot/firmware/cmdline.txt")"; exit 1; }
log "boot files: $(ls "$rootfs/boot/firmware" | wc -l) in /boot/firmware, cmdline: $(cat "$rootfs/boot/firmware/cmdline.txt")"
