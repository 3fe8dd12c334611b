#!/usr/bin/env bash
# The contract checks for other languages, with buf (pinned in package.json / package-lock.json):
#   buf lint      every service, method, message, field and enum value documented, names and
#                 layout by buf's STANDARD rules (proto/buf.yaml says which two are excepted, and why)
#   buf breaking  no change that breaks a client generated from the protos of baseline.binpb
#                 (FILE rules: no removed or renamed field, method, message or enum value, no
#                 changed type or number, no field number or name reused)
# Needs the proto bundle the build makes (./mvnw -pl proto package): the Google protos come from it.
# Skipped with a message where Node.js (node and npm) is missing.
#
#   proto/buf/check.sh            lint, then breaking against the baseline
#   proto/buf/check.sh baseline   rewrite baseline.binpb from the protos as they are now: for a
#                                 deliberate breaking change, committed with it (README, "Other
#                                 languages")
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
proto="$(dirname "$here")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js (node and npm) is not installed: the buf checks of the protos are skipped"
  exit 0
fi

bundle="$(ls "$proto"/target/hearth-proto-*-protos.jar 2>/dev/null | head -n 1 || true)"
if [ -z "$bundle" ]; then
  echo "no proto bundle in proto/target: build it first (./mvnw -q -o -pl proto package -DskipTests)" >&2
  exit 1
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
buf="$here/node_modules/.bin/buf"

# The Google protos as the second, unlinted module of proto/buf.yaml (jar: the JDK the build needs)
google="$proto/target/buf-google"
rm -rf "$google" && mkdir -p "$google"
(cd "$google" && jar xf "$bundle" google)

cd "$proto"
if [ "${1:-}" = "baseline" ]; then
  "$buf" build src/main/proto --exclude-source-info -o buf/baseline.binpb
  echo "wrote proto/buf/baseline.binpb: commit it with the change it accepts"
  exit 0
fi

"$buf" lint
echo "buf lint: the protos are clean"
"$buf" breaking src/main/proto --against buf/baseline.binpb
echo "buf breaking: no breaking change against proto/buf/baseline.binpb"
