#!/usr/bin/env bash
# Builds the container base image locally, for machines where no image registry is reachable:
# a minimal Debian bookworm with openjdk-17-jre-headless, made with debootstrap from the Debian
# mirror this machine's apt already uses, imported with `docker import`. Starts a Docker engine
# first if none answers. Idempotent: an existing image is kept (delete it to rebuild).
#
#   docker/local-base.sh                 # prints the image name on its last line
#   docker build --build-arg BASE_IMAGE=ai-setu-mcp/jre-base:bookworm -t ai-setu-mcp .
#
# Needs root (apt-get, debootstrap, dockerd). No registry host is written here: the mirror is
# read at run time from /etc/apt/sources.list.d/debian.sources (or /etc/apt/sources.list).
set -euo pipefail

IMAGE="${LOCAL_BASE_IMAGE:-ai-setu-mcp/jre-base:bookworm}"
SUITE="${LOCAL_BASE_SUITE:-bookworm}"
log() { echo "local-base: $*" >&2; }

install_if_missing() { # command package
  if ! command -v "$1" >/dev/null 2>&1; then
    log "installing $2"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

start_engine() {
  engine_answers && return 0
  install_if_missing dockerd docker.io
  log "starting dockerd"
  nohup dockerd >/var/log/ai-setu-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    engine_answers && return 0
    sleep 1
  done
  log "dockerd did not come up; see /var/log/ai-setu-dockerd.log"
  exit 1
}

mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; exit } }' /etc/apt/sources.list)
  fi
  if [ -z "$uri" ]; then
    log "no Debian mirror in the apt configuration; set one in /etc/apt/sources.list.d/debian.sources"
    exit 1
  fi
  echo "$uri"
}

start_engine
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE exists; keeping it"
  echo "$IMAGE"
  exit 0
fi

install_if_missing debootstrap debootstrap
MIRROR=$(mirror)
ROOT=$(mktemp -d /tmp/ai-setu-base.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
started=$(date +%s)
log "debootstrap $SUITE with openjdk-17-jre-headless from the apt mirror"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  "$SUITE" "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1 || { tail -20 "$ROOT.log" >&2; exit 1; }
# Slim it: package caches, docs and locales are not needed at run time.
chroot "$ROOT" apt-get clean
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* \
  "$ROOT"/usr/share/locale/* "$ROOT"/var/cache/debconf/*-old "$ROOT"/var/log/*
java_home=$(dirname "$(dirname "$(readlink -f "$ROOT/usr/bin/java" | sed "s|^$ROOT||")")")
tar -C "$ROOT" -c . | docker import \
  --change "ENV JAVA_HOME=$java_home" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  - "$IMAGE" >/dev/null
rm -f "$ROOT.log"
log "built $IMAGE in $(( $(date +%s) - started )) s ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%d MB", $1 / 1e6 }'))"
echo "$IMAGE"
