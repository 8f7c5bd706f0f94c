#!/usr/bin/env bash
# Stage 30: make the root an appliance: mounts by label (the card may show up as mmcblk0 or
# sda), DHCP on wired and USB network, NTP, the first-boot and self-test units from files/, the
# Raspberry Pi firmware told where the root is. piot itself is left disabled: first boot enables
# it only after the config on the boot partition has validated.
# Usage: 30-configure.sh ROOTFS
set -euo pipefail
. "$(dirname "$0")/common.sh"
rootfs=$1

cp -a "$IMAGE_DIR/files/." "$rootfs/"
chmod 755 "$rootfs"/usr/lib/piot-image/*

cat > "$rootfs/etc/fstab" <<'FSTAB'
# The card's partitions, by the labels image/build gave them.
LABEL=RASPIROOT  /               ext4  rw,noatime,errors=remount-ro  0 1
# umask=0077: node keys dropped here stay root-only until first boot moves them.
LABEL=RASPIFIRM  /boot/firmware  vfat  rw,umask=0077                 0 2
FSTAB
echo piot > "$rootfs/etc/hostname"
cat > "$rootfs/etc/hosts" <<'HOSTS'
127.0.0.1	localhost
127.0.1.1	piot
::1		localhost ip6-localhost ip6-loopback
HOSTS

# raspi-firmware writes cmdline.txt from this when its hook runs (stage 40).
sed -i -e 's/^#\?ROOTPART=.*/ROOTPART=LABEL=RASPIROOT/' "$rootfs/etc/default/raspi-firmware"
grep -q '^ROOTPART=LABEL=RASPIROOT' "$rootfs/etc/default/raspi-firmware" ||
    echo 'ROOTPART=LABEL=RASPIROOT' >> "$rootfs/etc/default/raspi-firmware"

# No password anywhere: the appliance is managed through its config, not a login.
chroot "$rootfs" passwd --lock root >/dev/null

chroot "$rootfs" systemctl enable systemd-networkd.service systemd-resolved.service \
    systemd-timesyncd.service piot-firstboot.service piot-selftest.service
chroot "$rootfs" systemctl disable piot.service
ln -sf ../run/systemd/resolve/stub-resolv.conf "$rootfs/etc/resolv.conf"
log "configured: fstab by label, networkd DHCP, first boot enabled, piot waits for it"
