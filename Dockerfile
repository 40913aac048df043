# ai-setu-mcp: MCP over stdio by default, over HTTP with `--transport http --host 0.0.0.0`.
#
# The image is assembled from what `mvn package` left in target/ (the thin jar and its
# dependencies in target/lib), so it also builds where no Maven or JDK image can be pulled:
#
#   mvn -B -q package -DskipTests
#   docker build -t ai-setu-mcp .                           # on eclipse-temurin:17-jre
#   docker build --build-arg BASE_IMAGE="$(docker/local-base.sh | tail -1)" -t ai-setu-mcp .
#                                                           # offline: a base built from Debian packages
#   docker run -i --rm -e AI_SETU_PAT ai-setu-mcp                                   # stdio
#   docker run --rm -p 8080:8080 ai-setu-mcp --transport http --host 0.0.0.0          # HTTP
ARG BASE_IMAGE=eclipse-temurin:17-jre

# Stage 1: lay the application out and train a class-data-sharing archive on a real session.
FROM ${BASE_IMAGE} AS train
WORKDIR /app
# Dependencies first: this layer is reused until pom.xml changes.
COPY target/lib/ /app/lib/
# Then the application's own classes.
COPY target/original-ai-setu-mcp.jar /app/ai-setu-mcp.jar
# One fixed class path (CDS needs the same one at run time), then a stdio session against the
# embedded local control plane records the classes it loads, and a static archive is dumped.
RUN set -e; \
    cp=/app/ai-setu-mcp.jar; for jar in $(ls /app/lib/*.jar | sort); do cp="$cp:$jar"; done; \
    printf -- '-cp %s\n' "$cp" > /app/java.args; \
    printf '%s\n' \
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"cds-training","version":"1"}}}' \
      '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
      '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' \
      '{"jsonrpc":"2.0","id":3,"method":"resources/list"}' \
      '{"jsonrpc":"2.0","id":4,"method":"prompts/list"}' \
      '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"whoami","arguments":{}}}' \
    | XDG_STATE_HOME=/tmp/train XDG_CONFIG_HOME=/tmp/train HOME=/tmp/train \
      java -XX:DumpLoadedClassList=/app/classes.lst @/app/java.args ai.aisetu.cli.Main \
        --local --no-transcript --no-save-credentials > /dev/null; \
    java -Xshare:dump -XX:SharedClassListFile=/app/classes.lst \
      -XX:SharedArchiveFile=/app/ai-setu-mcp.jsa @/app/java.args > /dev/null; \
    rm -rf /app/classes.lst /tmp/train; \
    test -s /app/ai-setu-mcp.jsa

# Stage 2: the runtime image, as a non-root user.
FROM ${BASE_IMAGE}
LABEL io.modelcontextprotocol.server.name="ai.aisetu/ai-setu-mcp" \
      org.opencontainers.image.title="ai-setu-mcp" \
      org.opencontainers.image.description="MCP server for the AI Setu control plane"
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/mcp \
      --shell /usr/sbin/nologin mcp
COPY --from=train /app/ /app/
USER 10001:10001
WORKDIR /home/mcp
ENV HOME=/home/mcp \
    XDG_STATE_HOME=/home/mcp/.local/state \
    XDG_CONFIG_HOME=/home/mcp/.config
EXPOSE 8080
# Only meaningful in HTTP mode (on the default port); a stdio container reports healthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["bash", "-c", \
  "tr '\\0' ' ' < /proc/1/cmdline | grep -Eq -- '--transport[ =]http' || exit 0; exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -q ' 200'"]
# The serial collector, as the launcher uses for both transports: on a few cores G1's concurrent
# work costs more CPU per call than its pauses save.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/app/ai-setu-mcp.jsa", "-Xshare:auto", \
  "@/app/java.args", "ai.aisetu.cli.Main"]
