# Sourced by image/build and every stage: names and sizes shared by the stages, and logging.
# shellcheck shell=bash
IMAGE_DIR=${IMAGE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
WORK=${WORK:-$IMAGE_DIR/work}
OUT=${OUT:-$IMAGE_DIR/out}
SUITE=${SUITE:-trixie}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
BOOT_START_MIB=4
BOOT_SIZE_MIB=256
log() { printf '[image %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# Package names from a list file: one a line, # comments and blank lines ignored.
package_list() { sed -e 's/#.*//' -e 's/[[:space:]]//g' "$1" | grep -v '^$'; }
