# Sourced by the scripts: builds piot (jar plus libraries) when the sources are newer than the jar,
# so a fresh clone needs no separate build step.
PIOT_ROOT=${PIOT_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PIOT_JAR="$PIOT_ROOT/gateway/target/piot.jar"

piot_build_if_stale() {
  if [ ! -f "$PIOT_JAR" ] || [ -n "$(find "$PIOT_ROOT/pom.xml" "$PIOT_ROOT/gateway/pom.xml" "$PIOT_ROOT/drivers/pom.xml" \
        "$PIOT_ROOT/gateway/src/main" "$PIOT_ROOT/drivers/src/main" -newer "$PIOT_JAR" -print -quit 2>/dev/null)" ]; then
    echo "piot: building (mvn package, tests skipped)..." >&2
    (cd "$PIOT_ROOT" && mvn -B -q -DskipTests -pl gateway -am package) >&2
    # Maven leaves an up-to-date jar untouched; mark it fresh so the next run does not rebuild.
    touch "$PIOT_JAR"
  fi
}
