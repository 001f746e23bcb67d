#!/bin/sh
# Runs the project's own loopwarden when it is installed there (the fast shell client), else the one on
# PATH, else npx. stdin (the hook payload) passes through untouched.
local_client="${CLAUDE_PROJECT_DIR:-.}/node_modules/.bin/loopwarden-hook"
if [ -x "$local_client" ]; then exec "$local_client" "$@"; fi
if command -v loopwarden-hook >/dev/null 2>&1; then exec loopwarden-hook "$@"; fi
exec npx --yes loopwarden hook "$@"
