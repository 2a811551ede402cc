#!/usr/bin/env bash
# Heap a FileIndex keeps for N entries (default 1,000,000 and 200,000): after recording the headers, and with the
# merged FileView built. Usage: bench/fileindex-memory.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bulwark-image/target/classes ] || ./mvnw -q -pl bulwark-image -am package -DskipTests -Dbulwark.skipAot=true
. bin/java-env.sh
cp="bulwark-image/target/classes:bulwark-core/target/classes:$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | head -1)"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000000 200000)
for count in "${counts[@]}"; do
  "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC -cp "$cp" bench/java/FileIndexMemory.java "$count" 2>/dev/null
done
