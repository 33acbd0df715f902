# Shared by ./sandpod and ./run-tests: find Java 25, install what is missing, build when stale.
# shellcheck shell=bash

SANDPOD_HOME=${SANDPOD_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

say() { printf 'sandpod: %s\n' "$*" >&2; }
die() { printf 'sandpod: error: %s\n' "$1" >&2; [ -n "${2:-}" ] && printf 'sandpod: hint: %s\n' "$2" >&2; exit 1; }

# Packages of the named lists in scripts/packages that dpkg does not have yet.
missing_packages() {
  local list pkg
  for list in "$@"; do
    for pkg in $(sed -n "s/^$list:[[:space:]]*//p" "$SANDPOD_HOME/scripts/packages"); do
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || printf '%s\n' "$pkg"
    done
  done
}

ensure_packages() {
  local missing
  missing=$(missing_packages "$@" | sort -u | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: $missing" "run as root, or install them: sudo apt-get install -y $missing"
  fi
  say "installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends $missing >/tmp/sandpod-apt.log 2>&1; then
    apt-get update -qq >>/tmp/sandpod-apt.log 2>&1 || true
    apt-get install -y -qq --no-install-recommends $missing >>/tmp/sandpod-apt.log 2>&1 \
      || die "apt-get could not install: $missing (log: /tmp/sandpod-apt.log)" "check the package sources and the network"
  fi
}

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

# Sets JAVA to a Java 25+ binary: JAVA_HOME, the usual JVM folders, PATH, else Debian's package if it has one.
find_java() {
  local candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/*/bin/java /opt/java/*/bin/java "$(command -v java 2>/dev/null)"; do
    if [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 25 ] 2>/dev/null; then
      JAVA=$candidate
      JAVA_HOME=$(dirname "$(dirname "$candidate")")
      export JAVA_HOME
      return 0
    fi
  done
  if [ "$(id -u)" = 0 ] && apt-cache show openjdk-25-jdk-headless >/dev/null 2>&1; then
    say "installing Java 25 (openjdk-25-jdk-headless)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-25-jdk-headless >/tmp/sandpod-apt.log 2>&1 \
      && find_java && return 0
  fi
  die "sandpod needs Java 25 or newer, and none was found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, PATH)" \
    "install a Java 25 JDK (for example Temurin 25) and set JAVA_HOME to it"
}

CLI_JAR="$SANDPOD_HOME/cli/target/sandpod-cli.jar"

# Builds with the Maven wrapper when the jar is missing or any source or pom is newer.
build_if_stale() {
  if [ -f "$CLI_JAR" ] && [ -d "$SANDPOD_HOME/cli/target/lib" ] && [ -z "$(find "$SANDPOD_HOME" \( -path "$SANDPOD_HOME/.git" -o -path '*/src/test' \) -prune -o \
      \( -name '*.java' -o -name '*.c' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$CLI_JAR" -print -quit)" ]; then
    return 0
  fi
  say "building sandpod (first use or sources changed; the first build downloads Maven and libraries)"
  local log="$SANDPOD_HOME/target-build.log"
  if ! (cd "$SANDPOD_HOME" && ./mvnw -B -q -DskipTests package) >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "the build failed (full log: $log)" "fix the error above, or report it with the log"
  fi
  touch "$CLI_JAR"
}
