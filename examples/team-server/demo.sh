#!/usr/bin/env bash
# The team server, end to end, on this machine: a throw-away PostgreSQL cluster, the server, a reviewer and
# an agent token, a repository pointed at the server, an agent's iterations, its approval refused, and the
# reviewer's approval resetting the chain. Every line after a `$` is a real command; what follows is its output.
# Needs Debian's postgresql (apt-get install postgresql) and a built loopwarden (npm install).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
loopwarden() { node "$here/dist/src/cli/main.js" "$@"; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] || { echo "demo: needs PostgreSQL (apt-get install postgresql)" >&2; exit 2; }
work="$(mktemp -d)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
server_pid=""
worker_pid=""
cleanup() {
  [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
as_pg "$bin/initdb" -D "$work/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
export LOOPWARDEN_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
show() { printf '$ %s\n' "$*" | sed -E "s/lwt_[0-9]+_[A-Za-z0-9_-]+/lwt_…/g; s#$work/#/tmp/…/#g"; }

show 'loopwarden server admin create-user rita --role reviewer --repo acme/api   # the password is asked'
echo 'correct horse battery' | loopwarden server admin create-user rita --role reviewer --repo acme/api
show 'loopwarden server admin create-token --role agent --repo acme/api --name claude'
token=$(loopwarden server admin create-token --role agent --repo acme/api --name claude 2>"$work/token.err")
sed -E 's/lwt_[0-9]+_[A-Za-z0-9_-]+/lwt_…/g' "$work/token.err"; echo 'lwt_…'
port2=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
show "loopwarden server --port $port2 &"
node "$here/dist/src/cli/main.js" server --port "$port2" >"$work/server.log" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/server.err" 2>/dev/null && break; sleep 0.1; done
cat "$work/server.err"

repo="$work/api"
mkdir -p "$repo/app" && cd "$repo"
git init -q && git config user.email dev@example.com && git config user.name Dev
printf 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n' > app/db.py
printf 'ledger:\n  url: http://127.0.0.1:%s\n  tokenEnv: LOOPWARDEN_TOKEN\n' "$port2" > .loopwarden.yml
git add -A && git commit -qm baseline
show 'cat .loopwarden.yml'
cat .loopwarden.yml
export LOOPWARDEN_TOKEN="$token"

agent_check() { show "$1"; CLAUDECODE=1 loopwarden check || true; }
printf 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = '"'"'" + name + "'"'"'")\n' > app/db.py
agent_check 'loopwarden check        # the agent (Claude Code) wrote a query built from input'
printf 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n' > app/db.py
agent_check 'loopwarden check        # the agent fixed it'
printf 'def helper(x):\n    return x\n' > app/util.py
agent_check 'loopwarden check        # and added a helper'
printf 'def helper(x):\n    return x * 2\n' > app/util.py
agent_check 'loopwarden check        # a fourth AI iteration without review'

show 'loopwarden review --approve --yes            # run by the agent'
CLAUDECODE=1 loopwarden review --approve --yes 2>&1 || true
show "curl -s -H 'Authorization: Bearer lwt_…' -d '{\"decision\":\"approve\",\"note\":\"\",\"head\":null}' …/api/v1/repos/acme%2Fapi/reviews"
curl -s -H "Authorization: Bearer $token" -H 'content-type: application/json' -d '{"decision":"approve","note":"","head":null}' "http://127.0.0.1:$port2/api/v1/repos/acme%2Fapi/reviews"; echo

show "loopwarden review --approve --reviewer rita --note 'query parameterised again'   # rita, at her terminal"
echo 'correct horse battery' | loopwarden review --approve --reviewer rita --note 'query parameterised again'
printf 'def helper(x):\n    return x * 3\n' > app/util.py
agent_check 'loopwarden check        # the agent goes on: a new chain'
show 'loopwarden status'
loopwarden status || true
show 'loopwarden ledger verify'
loopwarden ledger verify

# History workers: audit a repository's past commits on the server.
legacy="$work/legacy"
mkdir -p "$legacy/app" && cd "$legacy"
git init -q && git config user.email dev@example.com && git config user.name Dev
printf 'X = 1\n' > app/settings.py && git add -A && git commit -qm 'start'
since=$(git rev-parse HEAD)
printf 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n' > app/db.py
git add -A && git commit -qm 'add find' --trailer 'Co-authored-by: Claude <noreply@anthropic.com>'
printf 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = '"'"'" + name + "'"'"'")\n' > app/db.py
git add -A && git commit -qm 'simplify find' --trailer 'Co-authored-by: Claude <noreply@anthropic.com>'
printf 'DEBUG = False\n' >> app/settings.py && git add -A && git commit -qm 'settings'
cd "$work"
show "loopwarden server admin audit acme/legacy --source $legacy --since ${since:0:12} --create"
job=$(loopwarden server admin audit acme/legacy --source "$legacy" --since "$since" --create)
echo "$job"
show 'loopwarden worker --concurrency 2 &'
node "$here/dist/src/cli/main.js" worker --concurrency 2 --work-dir "$work/worker" >"$work/worker.log" 2>&1 &
worker_pid=$!
reader=$(loopwarden server admin create-token --role developer --repo acme/legacy --name lead-reader 2>/dev/null)
id=$(echo "$job" | tail -1)
for _ in $(seq 120); do
  state=$(curl -s -H "Authorization: Bearer $reader" "http://127.0.0.1:$port2/api/v1/repos/acme%2Flegacy/jobs/$id" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).state)}catch{console.log("?")}})')
  [ "$state" = completed ] || [ "$state" = failed ] && break
  sleep 1
done
show "curl -s -H 'Authorization: Bearer lwt_…' …/api/v1/repos/acme%2Flegacy/jobs/$id"
curl -s -H "Authorization: Bearer $reader" "http://127.0.0.1:$port2/api/v1/repos/acme%2Flegacy/jobs/$id" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(JSON.stringify({kind:j.kind,state:j.state,attempt:j.attempt,commitsDone:j.commitsDone,commitsTotal:j.commitsTotal,lastError:j.lastError??null,result:j.result}))})'
show "curl -s -H 'Authorization: Bearer lwt_…' …/api/v1/repos/acme%2Flegacy/status"
curl -s -H "Authorization: Bearer $reader" "http://127.0.0.1:$port2/api/v1/repos/acme%2Flegacy/status" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(JSON.stringify({chain:j.chain,verdict:j.verdict,open:(j.open??[]).map(f=>`${f.ruleId} ${f.path}:${f.startLine} since #${f.since}`)}))})'
kill "$worker_pid" 2>/dev/null; wait "$worker_pid" 2>/dev/null || true
worker_pid=""
