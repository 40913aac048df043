#!/bin/sh
# Runs every benchmark: builds what is missing, runs the JMH microbenchmarks, then the harness
# (ai-setu-mcp against the Node peer on one local control plane). Prints a table; writes
# bench/results/<timestamp>.json.
#
#   bench/run.sh              the full run (about 10 minutes on 2 cores)
#   bench/run.sh --quick      fewer repetitions, for trying the harness out
#   BENCH_JMH=off bench/run.sh   without the JMH part
# Other arguments go to bench/harness.mjs (--only=…, --variants=…).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
if [ ! -f target/ai-setu-mcp.jar ] || [ -n "$(find pom.xml src -newer target/ai-setu-mcp.jar -print | head -n 1)" ]; then
  echo "building target/ai-setu-mcp.jar" >&2
  mvn -q -B package -DskipTests
fi
(cd bench/peer && npm ci --no-audit --no-fund --silent)
mkdir -p bench/results
jmh_json=bench/results/jmh.tmp
rm -f "$jmh_json"
if [ "${BENCH_JMH:-on}" != off ]; then
  case " $* " in *" --quick "*) jmh_quick="-wi 1 -i 2" ;; *) jmh_quick="" ;; esac
  # shellcheck disable=SC2086
  bench/jmh/run.sh $jmh_quick -rf json -rff "$root/$jmh_json" >&2
fi
node bench/harness.mjs --jmh="$jmh_json" "$@"
rm -f "$jmh_json"
