# Sourced by ./sluice, .ci/run and bench/run-load: finds a JDK 21 or newer.
# After `find_jdk`, JDK_HOME is its home and JDK_MAJOR its major version.

# The major version of a java binary: 25 for "25.0.1", 8 for "1.8.0_402"; empty if it does not run.
java_major() {
  local line
  line="$("$1" -version 2>&1 | head -n 1)" || return 0
  line="$(printf '%s' "$line" | sed -E -n 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p')"
  set -- $line
  if [[ "${1:-}" == "1" ]]; then echo "${2:-}"; else echo "${1:-}"; fi
}

# A JDK (with javac, as builds need it) of version 21+: JAVA_HOME, then /usr/lib/jvm, /opt, then the PATH.
find_jdk() {
  local home major candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  for home in /usr/lib/jvm/*/ /opt/java/*/ /opt/*jdk*/; do candidates+=("${home%/}"); done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    major="$(java_major "$home/bin/java")"
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      JDK_HOME="$home"
      JDK_MAJOR="$major"
      return 0
    fi
  done
  echo "needs a JDK 21 or newer; none found in JAVA_HOME, /usr/lib/jvm, /opt or on the PATH." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
  return 1
}
