# Sourced by the scripts: installs the Debian packages the tests and the demo use (Mosquitto and
# its clients, Chromium for the browser test) when they are missing, so a fresh machine needs no
# manual set-up. Needs root or sudo for apt-get; says what to install otherwise.

piot_apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "piot: please install: ${missing[*]} (apt-get install ${missing[*]})" >&2
      return 1
    fi
  fi
  echo "piot: installing ${missing[*]} with apt-get..." >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
