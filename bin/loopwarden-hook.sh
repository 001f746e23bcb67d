#!/bin/sh
# loopwarden-hook AGENT [--fail-closed]: an agent hook's fastest way to the warm server (`loopwarden serve`).
# POSIX sh and curl, no Node start: the payload goes to the repository's server over its Unix socket, and
# the answer comes back as it would from `loopwarden hook AGENT`. Whenever that cannot happen (no curl, no
# server yet, a server of another version, a socket path too long) the Node client takes over, which
# starts the server or answers in its own process. The build writes dist/bin/loopwarden-hook from this.
version='@VERSION@'
payload=$(cat; printf x)
payload=${payload%x}

node_client() {
  self=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
  printf '%s' "$payload" | node "${self%/*}/../src/cli/main.js" hook "$@"
  exit $?
}

case "$*" in *--no-server*) node_client "$@" ;; esac
command -v curl >/dev/null 2>&1 || node_client "$@"
dir=${CLAUDE_PROJECT_DIR:-${GEMINI_PROJECT_DIR:-${CURSOR_PROJECT_DIR:-$PWD}}}
while [ -n "$dir" ] && [ ! -e "$dir/.git" ]; do dir=${dir%/*}; done
[ -n "$dir" ] || node_client "$@"
socket="$dir/.loopwarden/serve.sock"
[ -S "$socket" ] && [ ${#socket} -le 100 ] || node_client "$@"
fail_closed=0
case "$*" in *--fail-closed*) fail_closed=1 ;; esac

# Body, then one last line: status, exit code and stderr line of the answer.
answer=$(printf '%s' "$payload" | curl -sS --max-time 120 --unix-socket "$socket" \
  -H "x-loopwarden-version: $version" -H "x-loopwarden-fail-closed: $fail_closed" \
  -H "x-loopwarden-env-claude_project_dir: ${CLAUDE_PROJECT_DIR:-}" -H "x-loopwarden-env-claudecode: ${CLAUDECODE:-}" \
  -H "x-loopwarden-env-cursor_version: ${CURSOR_VERSION:-}" -H "x-loopwarden-env-cursor_project_dir: ${CURSOR_PROJECT_DIR:-}" \
  -H "x-loopwarden-env-gemini_project_dir: ${GEMINI_PROJECT_DIR:-}" -H "x-loopwarden-env-loopwarden_model: ${LOOPWARDEN_MODEL:-}" \
  -H "x-loopwarden-env-loopwarden_strategy: ${LOOPWARDEN_STRATEGY:-}" -H "x-loopwarden-env-loopwarden_author: ${LOOPWARDEN_AUTHOR:-}" \
  -H 'content-type: application/json' --data-binary @- \
  -w '\n%{http_code} %header{x-loopwarden-exit} %header{x-loopwarden-stderr}' "http://loopwarden/hook/$1" 2>/dev/null) || node_client "$@"
meta=${answer##*
}
cr=$(printf '\r')
meta=$(printf '%s' "$meta" | tr -d "$cr")
body=${answer%
*}
body=${body%
}
status=${meta%% *}
rest=${meta#* }
code=${rest%% *}
stderr=${rest#* }
[ "$status" = 200 ] || node_client "$@"
# curl before 7.84 prints %header{...} as it is: then the answer cannot be read here.
case "$code" in ''|*[!0-9]*) node_client "$@" ;; esac
[ -n "$stderr" ] && [ "$stderr" != "$rest" ] && printf '%s\n' "$stderr" >&2
[ -n "$body" ] && printf '%s\n' "$body"
exit "${code:-0}"
