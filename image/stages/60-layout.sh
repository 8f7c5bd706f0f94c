#!/usr/bin/env bash
# Stage 60: the disk image, laid out without mounting anything (no loop partitions or vfat
# needed on the host): an msdos table as Debian's raspi images have it, a FAT32 RASPIFIRM built
# with mkfs.vfat -C and filled with mcopy, an ext4 RASPIROOT built from the directory with
# mkfs.ext4 -d, both written into the image at their offsets with dd conv=notrunc. The root
# gets ~25% + 256 MiB of room; first boot grows it to the card.
# Usage: 60-layout.sh ROOTFS IMG
set -euo pipefail
. "$(dirname "$0")/common.sh"
rootfs=$1
img=$2
parts=$WORK/parts
rm -rf "$parts" && mkdir -p "$parts/bootfs"

# The boot files go to the FAT partition only; the root keeps an empty mount point.
cp -a "$rootfs/boot/firmware/." "$parts/bootfs/"
rm -rf "$parts/rootfs-boot-firmware" && mv "$rootfs/boot/firmware" "$parts/rootfs-boot-firmware"
mkdir -m 0755 "$rootfs/boot/firmware"
trap 'rm -rf "$rootfs/boot/firmware"; mv "$parts/rootfs-boot-firmware" "$rootfs/boot/firmware"' EXIT

used_mib=$(( $(du -s --block-size=1M "$rootfs" | cut -f1) ))
root_mib=$(( used_mib * 5 / 4 + 256 ))
root_start=$(( BOOT_START_MIB + BOOT_SIZE_MIB ))
total_mib=$(( root_start + root_mib ))
log "layout: boot ${BOOT_SIZE_MIB} MiB at ${BOOT_START_MIB} MiB, root ${root_mib} MiB (${used_mib} used), image ${total_mib} MiB"

rm -f "$img" "$parts/boot.img" "$parts/root.img"
mkfs.vfat -C -F 32 -n RASPIFIRM "$parts/boot.img" $(( BOOT_SIZE_MIB * 1024 )) >/dev/null
mcopy -s -p -i "$parts/boot.img" "$parts/bootfs/"* ::/
mkfs.ext4 -q -L RASPIROOT -d "$rootfs" -E root_owner=0:0 "$parts/root.img" "${root_mib}M"

truncate -s "${total_mib}M" "$img"
parted -s "$img" mklabel msdos \
    mkpart primary fat32 "${BOOT_START_MIB}MiB" "${root_start}MiB" \
    mkpart primary ext4 "${root_start}MiB" 100%
dd if="$parts/boot.img" of="$img" bs=1M seek="$BOOT_START_MIB" conv=notrunc,sparse status=none
dd if="$parts/root.img" of="$img" bs=1M seek="$root_start" conv=notrunc,sparse status=none
rm -f "$parts/boot.img" "$parts/root.img"
# Read back what a user and the firmware see first.
mcopy -i "$img@@${BOOT_START_MIB}M" ::/cmdline.txt - >/dev/null
log "image laid out: $img ($(du -h --apparent-size "$img" | cut -f1))"
