# Sourced by ./mvnw and bin/bulwark: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, then $BULWARK_JAVA_HOME, then the JDKs under /usr/lib/jvm (newest first),
# then the `java` on PATH. Fails with one clear line when none is 25+.

bulwark_java_major() {
  # Prints the feature release of the JDK at $1 (e.g. 25), or nothing. Reads the JDK's `release` file, which
  # costs nothing, and asks the JVM only when that file is missing.
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

bulwark_select_java() {
  for candidate in "${JAVA_HOME-}" "${BULWARK_JAVA_HOME-}" $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] || continue
    candidate=${candidate%/}
    major=$(bulwark_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(bulwark_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      return 0
    fi
  fi
  echo "bulwark: JDK 25 or newer not found (looked at JAVA_HOME, BULWARK_JAVA_HOME, /usr/lib/jvm, PATH)" >&2
  return 1
}

bulwark_select_java || exit 1
