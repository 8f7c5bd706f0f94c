#!/usr/bin/env bash
# Stage 20: install the piot .deb that mvn package built, with apt so that any dependency not
# already in packages/rootfs.list comes from the mirror; the image runs exactly the packaged bits.
# The same .deb is kept as /var/lib/piot/fleet/releases/piot_VERSION.deb (owned by piot): a fleet
# release update refuses to install unless the package of the running version is there to roll
# back to (docs/fleet.md), so without it the first update of a freshly flashed node would fail.
# Usage: 20-piot.sh ROOTFS PIOT_DEB
set -euo pipefail
. "$(dirname "$0")/common.sh"
rootfs=$1
deb=$2
cp "$deb" "$rootfs/tmp/piot.deb"
chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/piot.deb
rm -f "$rootfs/tmp/piot.deb"
version=$(chroot "$rootfs" dpkg-query -W -f='${Version}' piot)
# Named as ReleaseUpdate.debName and piot-install's deb_name name it.
keep=/var/lib/piot/fleet/releases/piot_$(printf '%s' "$version" | tr -c 'A-Za-z0-9.+~-' _).deb
chroot "$rootfs" install -d -o piot -g piot -m 0750 /var/lib/piot/fleet /var/lib/piot/fleet/releases
install -m 0640 "$deb" "$rootfs$keep"
chroot "$rootfs" chown piot:piot "$keep"
log "kept the package for roll-back as $keep"
log "installed $(chroot "$rootfs" dpkg-query -W -f='${Package} ${Version}' piot)"
