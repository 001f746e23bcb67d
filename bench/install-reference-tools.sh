#!/usr/bin/env bash
# Installs the reference scanners the speed benchmark compares against, from Debian's packages.
# Safe to run twice: it installs only what is missing, and does nothing without root and apt-get.
set -u
missing=()
for tool in bandit cppcheck flawfinder; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "bench: ${missing[*]} not installed and cannot install them here (needs root and apt-get); they will be skipped" >&2
  exit 0
fi
echo "bench: installing ${missing[*]} from Debian's packages" >&2
apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
  || echo "bench: could not install ${missing[*]}; they will be skipped" >&2
