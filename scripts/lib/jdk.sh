# Sourced by the scripts: finds a JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm) and exports
# JAVA_HOME and PATH for it, because Debian's default java may be 17 and piot targets 21.
# Exits with what to install when there is none.

piot_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

piot_find_jdk() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /opt/java/* /usr/local/java/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(piot_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}

if ! PIOT_JDK=$(piot_find_jdk); then
  {
    echo "piot needs a JDK 21 or newer and found none (checked JAVA_HOME and /usr/lib/jvm)."
    echo "Install one, for example:  apt-get install openjdk-21-jdk-headless"
    echo "or Temurin 21/25, then run again (or set JAVA_HOME to it)."
  } >&2
  exit 1
fi
export JAVA_HOME="$PIOT_JDK"
# Maven 3.8's bundled Guava uses sun.misc.Unsafe, which JDK 23+ warns about on every build.
if [ "$(piot_java_major "$PIOT_JDK")" -ge 23 ]; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
export PATH="$JAVA_HOME/bin:$PATH"
