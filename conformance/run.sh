#!/usr/bin/env bash
# Runs the official MCP conformance suite (server mode) against the server's Streamable HTTP
# endpoint: the packaged jar on its embedded local control plane, in sidecar mode, behind a
# loopback proxy that adds the bearer token. Scenarios that need the suite's own fixture tools,
# resources or prompts are listed with the reason in expected-failures.yml; anything else that
# fails, fails this script. Needs `mvn package` first, and Node 20 or later.
#   conformance/run.sh [results dir]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
results="${1:-$root/target/conformance}"
jar="$root/target/ai-setu-mcp.jar"
[ -f "$jar" ] || { echo "conformance: $jar is missing; run mvn package first" >&2; exit 2; }

cd "$here"
[ -d node_modules/@modelcontextprotocol/conformance ] || npm ci --no-audit --no-fund >/dev/null

work="$(mktemp -d)"
server_pid=""; proxy_pid=""
cleanup() {
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

token="conformance-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" AI_SETU_MCP_HTTP_TOKEN="$token" \
  java -jar "$jar" --transport http --port 0 --local --no-transcript --no-save-credentials \
  --log-level info 2>"$work/server.log" &
server_pid=$!
port=""
for _ in $(seq 1 120); do
  port="$(sed -n 's|.*serving MCP on http://127.0.0.1:\([0-9]*\)/mcp.*|\1|p' "$work/server.log" | head -1)"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$port" ] || { echo "conformance: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

MCP_BEARER="$token" node bearer-proxy.mjs "$port" >"$work/proxy.port" &
proxy_pid=$!
for _ in $(seq 1 50); do [ -s "$work/proxy.port" ] && break; sleep 0.1; done
proxy_port="$(cat "$work/proxy.port")"

rm -rf "$results"; mkdir -p "$results"
status=0
node --import ./node20-globsync.mjs node_modules/@modelcontextprotocol/conformance/dist/index.js \
  server --url "http://localhost:$proxy_port/mcp" --expected-failures expected-failures.yml \
  -o "$results" >"$results/report.txt" 2>&1 || status=$?
cat "$results/report.txt"
exit "$status"
