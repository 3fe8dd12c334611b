#!/usr/bin/env bash
# The reliability check of issue 12: the races (concurrent creates of one person, one file imported
# twice at once, two files of the same people at once, and in the long form a server killed
# mid-import) against one HSQLDB server and two servers on one PostgreSQL database, on loopback.
#
#   bench/reliability.sh short|long [hsqldb|postgresql|both]
#
# PostgreSQL is the database HEARTH_TEST_PG_URL names; without it that part is skipped. Needs the
# jars from ./mvnw -q package -DskipTests (server/target/hearth-server.jar, bench/target/hearth-bench.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

for jar in server/target/hearth-server.jar bench/target/hearth-bench.jar; do
  if [[ ! -f "$jar" ]]; then
    echo "reliability: $jar is missing; build first: ./mvnw -q package -DskipTests" >&2
    exit 2
  fi
done

# The short form's JVMs (the check's and its servers') live about a minute: stopping at the C1
# compiler halves the CPU they use, as C2 compiling costs more than it saves in so short a life
# (66 s and 61 CPU-s before, 37 s and 28 CPU-s after). The long form keeps the JVM's defaults.
jvm_options=()
if [[ " ${*,,} " != *" long "* ]]; then
  jvm_options=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
fi

exec java -Xmx512m "${jvm_options[@]}" -Dhearth.server.jvm.options="${jvm_options[*]}" \
  -Dhearth.server.jar=server/target/hearth-server.jar \
  -cp bench/target/hearth-bench.jar io.hearth.bench.reliability.ReliabilityCheck "$@"
