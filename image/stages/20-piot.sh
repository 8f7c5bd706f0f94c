#!/usr/bin/env bash
# Stage 20: install the piot .deb that mvn package built, with apt so that any dependency not
# already in packages/rootfs.list comes from the mirror; the image runs exactly the packaged bits.
# Usage: 20-piot.sh ROOTFS PIOT_DEB
set -euo pipefail
. "$(dirname "$0")/common.sh"
rootfs=$1
deb=$2
cp "$deb" "$rootfs/tmp/piot.deb"
chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/piot.deb
rm -f "$rootfs/tmp/piot.deb"
log "installed $(chroot "$rootfs" dpkg-query -W -f='${Package} ${Version}' piot)"
