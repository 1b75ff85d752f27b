#!/usr/bin/env bash
# Zero failed requests through a `pm2 reload` (issue 7 §7). Builds the API, migrates scratch
# database nestmap_reload_test, starts ecosystem.config.js (`--env production`, the API only) in
# cluster mode with 2 workers under a private PM2_HOME, puts the real nginx with
# docker/nginx/nestmap.conf in front, and keeps GET and POST /api/trips going both straight at
# PM2's port and through nginx while `pm2 reload nestmap` replaces both workers.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/test-pm2-reload.sh
#
# Asserts, through nginx: no connection error, no timeout, no non-2xx, one trip per successful
# POST and no POST that reached the API twice. Straight at PM2's port the figures are reported only: a
# keep-alive client can lose a request that crosses the old worker closing its idle connection.
# Needs nginx, openssl, psql, curl and node. Prints "N passed, M failed"; exits 1 on any failure.
set -euo pipefail

if [ -z "${DATABASE_URL:-}" ]; then
  echo "test-pm2-reload: SKIPPED: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)"
  exit 0
fi
for tool in nginx openssl psql curl node; do
  command -v "$tool" >/dev/null || { echo "test-pm2-reload: $tool is required" >&2; exit 1; }
done
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PGCONNECT_TIMEOUT=5

base=${DATABASE_URL%%\?*}
query=${DATABASE_URL:${#base}}
if ! [[ $base =~ ^postgres(ql)?://[^/]+/[^/]*$ ]]; then
  echo "test-pm2-reload: DATABASE_URL must look like postgres://user@host:port/database" >&2
  exit 1
fi
db="${base%/*}/nestmap_reload_test$query"
sql() { local url=$1; shift; psql --dbname="$url" -XAtq -v ON_ERROR_STOP=1 "$@"; }
reset_db() { PGOPTIONS='-c client_min_messages=warning' sql "$DATABASE_URL" -c "DROP DATABASE IF EXISTS nestmap_reload_test WITH (FORCE)" ${1:+-c "CREATE DATABASE nestmap_reload_test"}; }

tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx's workers (user nobody when run as root) write below the prefix
export PM2_HOME="$tmp/pm2"
pm2() { "$root/node_modules/.bin/pm2" "$@"; }
nginx_pid=
cleanup() {
  pm2 kill >/dev/null 2>&1 || true
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  reset_db || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"
wait_for() { # wait_for URL: until it answers 2xx (30 s)
  for _ in $(seq 1 150); do curl -skf -o /dev/null --max-time 2 "$1" && return 0; sleep 0.2; done
  echo "test-pm2-reload: $1 did not answer" >&2
  return 1
}
json() { node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(eval(process.argv[1])(JSON.parse(s))))' "$1"; }
worker_pids() { pm2 jlist | json '(l) => l.filter((p) => p.name === "nestmap" && p.pm2_env.status === "online").map((p) => p.pid).sort().join(" ")'; }

echo "test-pm2-reload: building the API"
npm run --silent build:api
reset_db create
DATABASE_URL="$db" node dist/database/cli/migrate.js >/dev/null

read -r api_port web_port http_port https_port <<<"$(free_ports 4)"
docker/nginx/render-test-site.sh "$tmp" "$api_port" "$web_port" "$http_port" "$https_port"
nginx -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' & nginx_pid=$!

# The production environment a deployment's .env would give (ecosystem.config.js, --env production).
PORT=$api_port HOST=127.0.0.1 TRUST_PROXY=127.0.0.1 DATABASE_URL="$db" \
JWT_SECRET=$(openssl rand -hex 32) SESSION_SECRET=$(openssl rand -hex 32) DATA_ENCRYPTION_KEY=$(openssl rand -hex 32) \
THROTTLE_LIMIT=100000000 LOG_LEVEL=info \
  pm2 start ecosystem.config.js --only nestmap --env production >/dev/null
# 'max' is one worker per core; this test wants exactly two on any machine.
[ "$(worker_pids | wc -w)" -eq 2 ] || pm2 scale nestmap 2 >/dev/null
direct="http://127.0.0.1:$api_port"
proxied="https://127.0.0.1:$https_port"
wait_for "$direct/api/health/ready"
wait_for "$proxied/api/health/ready"
before=$(worker_pids)
check "2 workers online in cluster mode" "2 cluster_mode" \
  "$(pm2 jlist | json '(l) => { const w = l.filter((p) => p.name === "nestmap" && p.pm2_env.status === "online"); return w.length + " " + [...new Set(w.map((p) => p.pm2_env.exec_mode))].join(","); }')"

token=$(curl -sf "$direct/api/auth/register" -H 'content-type: application/json' \
  -d '{"email":"reload@example.test","password":"violet tractor umbrella 42","name":"Reload Test","organizationName":"Reload Test Org"}' |
  json '(b) => b.accessToken')

echo "test-pm2-reload: load on both targets, pm2 reload nestmap in the middle"
timeout 300 node scripts/reload-under-load.js "$token" "direct=$direct" "nginx=$proxied" -- \
  "$root/node_modules/.bin/pm2" reload nestmap > "$tmp/results.jsonl"
cat "$tmp/results.jsonl"
result() { grep "\"target\":\"$1\",\"kind\":\"$2\"" "$tmp/results.jsonl" | json "(r) => $3"; }

after=$(worker_pids)
check "reload replaced both workers" "2 0" \
  "$(wc -w <<<"$after" | tr -d ' ') $(comm -12 <(tr ' ' '\n' <<<"$before" | sort) <(tr ' ' '\n' <<<"$after" | sort) | wc -l | tr -d ' ')"
for kind in GET POST; do
  check "nginx $kind: load ran (> 50 requests)" yes "$(result nginx "$kind" 'r.requests > 50 ? "yes" : r.requests')"
  check "nginx $kind: 0 connection errors, 0 timeouts, 0 non-2xx" "0 0 0" "$(result nginx "$kind" '[r.errors, r.timeouts, r.non2xx].join(" ")')"
done
# Stopping the load can leave a POST per connection answered but uncounted, hence the upper bound.
read -r created distinct <<<"$(sql "$db" -F ' ' -c "SELECT count(*), count(DISTINCT title) FROM trips WHERE title LIKE 'reload nginx %'")"
check "nginx POST: none sent twice (distinct titles)" "$created" "$distinct"
check "nginx POST: every 2xx created a trip, and nothing else did" yes \
  "$(result nginx POST "r.ok <= $created && $created <= r.ok + ${LOAD_POST_CONNECTIONS:-2} ? 'yes' : r.ok + ' answered, $created created'")"

# The API's JSON log lines reach PM2's per-worker log files (not only the daemon's own log).
check "API log lines in PM2's out log files" yes \
  "$(grep -qs '"msg":"request completed"' $(pm2 jlist | json '(l) => l.filter((p) => p.name === "nestmap").map((p) => p.pm2_env.pm_out_log_path).join(" ")') && echo yes || echo no)"

summarize() { result "$1" "$2" '`${r.requests} ${r.kind} (${r.ok} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)`'; }
echo "test-pm2-reload: reload took $(result nginx GET 'r.reloadMs') ms;" \
  "through nginx: $(summarize nginx GET), $(summarize nginx POST);" \
  "straight at PM2's port: $(summarize direct GET), $(summarize direct POST)"
summary
