#!/usr/bin/env bash
# Stage 70: the published artefacts: IMG.xz (what Raspberry Pi Imager and `xzcat | dd` take)
# and its SHA-256 in the sha256sum format, so `sha256sum -c` verifies a download.
# Usage: 70-compress.sh IMG
set -euo pipefail
. "$(dirname "$0")/common.sh"
img=$1
rm -f "$img.xz" "$img.xz.sha256"
xz -6 -T2 -k -f "$img"
(cd "$(dirname "$img")" && sha256sum "$(basename "$img").xz" > "$(basename "$img").xz.sha256")
log "compressed: $img.xz ($(du -h "$img.xz" | cut -f1)), sha256 $(cut -d' ' -f1 "$img.xz.sha256")"
