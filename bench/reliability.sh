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

# The servers map the class-data sharing archive the build made next to the jar at package (what
# bin/hearth-server uses) when it is of this build of the jar: most of a server's start is loading
# and verifying its classes (a start 3.3 CPU-s without, 1.6 with: server/src/test/.../ChildJvm).
# The archive names the jar by the absolute path it was made with, so the servers get that path;
# an archive that does not fit is ignored, silently. Without one (-DskipCds), or in a folder whose
# path has a space (the servers' options are split at spaces), they start as before.
server_jar="$PWD/server/target/hearth-server.jar"
server_options=("${jvm_options[@]}")
if [[ -f server/target/hearth-server.jsa && ! server/target/hearth-server.jsa -ot "$server_jar" && "$PWD" != *" "* ]]; then
  server_options+=(-XX:SharedArchiveFile="$PWD/server/target/hearth-server.jsa" '-Xlog:cds*=off')
fi

exec java -Xmx512m "${jvm_options[@]}" -Dhearth.server.jvm.options="${server_options[*]}" \
  -Dhearth.server.jar="$server_jar" \
  -cp bench/target/hearth-bench.jar io.hearth.bench.reliability.ReliabilityCheck "$@"
