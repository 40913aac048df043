#!/bin/sh
# Compiles the JMH benchmarks against target/ai-setu-mcp.jar and runs them; arguments go to JMH.
#   bench/jmh/run.sh                        # every benchmark, JMH defaults of the classes
#   bench/jmh/run.sh -rf json -rff out.json Redactor
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
if [ ! -f "$root/target/ai-setu-mcp.jar" ]; then
  (cd "$root" && mvn -q -B package -DskipTests)
fi
mvn -q -B -f "$here/pom.xml" compile
# The server jar is system-scoped: build-classpath may leave it out, so name it explicitly.
exec java -cp "$here/target/classes:$(cat "$here/target/classpath.txt"):$root/target/ai-setu-mcp.jar" org.openjdk.jmh.Main "$@"
