# Sourced by .ci/run and bench/run.sh: exports JAVA_HOME and PATH for a JDK >= 21.

# Major version of a java binary ("25.0.3" -> 25, "1.8.0_402" -> 8); 0 when it does not run.
java_major() {
    local version
    version=$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }') || true
    version=${version#1.}
    echo "${version%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

# 1. A JDK >= 21: keep JAVA_HOME when it is one, else take the newest one under /usr/lib/jvm.
if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" || $(java_major "${JAVA_HOME}/bin/java") -lt 21 ]]; then
    best_home="" best_major=0
    for home in /usr/lib/jvm/*; do
        [[ -x "$home/bin/java" ]] || continue
        major=$(java_major "$home/bin/java")
        if (( major >= 21 && major > best_major )); then
            best_home=$home best_major=$major
        fi
    done
    [[ -n "$best_home" ]] || { echo "ERROR: no JDK >= 21 found (JAVA_HOME unset or too old, none under /usr/lib/jvm)." >&2; exit 1; }
    export JAVA_HOME=$best_home
fi
export PATH="$JAVA_HOME/bin:$PATH"
echo "Using JDK $(java_major "$JAVA_HOME/bin/java") at $JAVA_HOME"
