#!/usr/bin/env bash
# Proves docker/nginx/nestmap.conf with a real nginx: renders it (render-test-site.sh), runs it
# under a private prefix with two node stubs standing in for the API and the web app, and checks
# its behaviour with curl.
# Needs nginx, openssl, curl and node. Prints "N passed, M failed"; exits 1 on any failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
for tool in nginx openssl curl node; do
  command -v "$tool" >/dev/null || { echo "test-nginx: $tool is required (apt-get install -y nginx openssl curl)" >&2; exit 1; }
done

tmp=$(mktemp -d)
# nginx's workers (user nobody when run as root) create temp files below the prefix.
chmod 755 "$tmp"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source=scripts/lib/checks.sh
. "$(dirname "$0")/../../scripts/lib/checks.sh"

wait_port() {
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "test-nginx: nothing listening on 127.0.0.1:$1" >&2
  [ -f "$tmp/error.log" ] && cat "$tmp/error.log" >&2
  return 1
}

read -r api_port web_port http_port https_port <<<"$(free_ports 4)"

"$here/render-test-site.sh" "$tmp" "$api_port" "$web_port" "$http_port" "$https_port"

# Stub upstream: reports what it received in x-seen-* headers. The API stub also sends the
# headers helmet would (nginx must not duplicate them), 404s on /api/missing, answers a WebSocket
# handshake with 101 and echoes the bytes that follow.
cat > "$tmp/stub.js" <<'EOF'
const http = require('http');
const [name, port] = process.argv.slice(2);
const seen = (req) => ({
  'x-seen-by': name,
  'x-seen-method': req.method,
  'x-seen-url': req.url,
  'x-seen-host': req.headers.host ?? '',
  'x-seen-xff': req.headers['x-forwarded-for'] ?? '',
  'x-seen-real-ip': req.headers['x-real-ip'] ?? '',
  'x-seen-proto': req.headers['x-forwarded-proto'] ?? '',
  'x-seen-connection': req.headers.connection ?? '',
  'x-seen-upgrade': req.headers.upgrade ?? '',
});
// /api/drop-first/*: the first attempt at each URL has its connection dropped unanswered, as by a
// worker stopping mid-request; later attempts are answered with the count in x-seen-attempts.
const attempts = new Map();
const server = http.createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => (bytes += chunk.length));
  req.on('end', () => {
    const attempt = (attempts.get(req.url) ?? 0) + 1;
    attempts.set(req.url, attempt);
    if (req.url.startsWith('/api/drop-first/') && attempt === 1) return req.socket.destroy();
    // An event stream (the assistant's briefing): one event now, the end seconds later.
    if (/^\/api\/trips\/[^/]+\/assistant\/briefings$/.test(req.url)) {
      res.writeHead(200, { ...seen(req), 'content-type': 'text/event-stream' });
      res.write('data: {"type":"delta","text":"first"}\n\n');
      return setTimeout(() => res.end('data: {"type":"done"}\n\n'), 3000);
    }
    const headers = { ...seen(req), 'x-seen-body-bytes': String(bytes), 'x-seen-attempts': String(attempt), 'content-type': 'application/json' };
    if (name === 'api') Object.assign(headers, { 'x-frame-options': 'SAMEORIGIN', 'x-powered-by': 'stub' });
    const status = req.url === '/api/missing' ? 404 : 200;
    const padding = req.url === '/api/big' ? 'x'.repeat(4096) : '';
    const body = JSON.stringify({ name, status, padding });
    // Content-Length as Fastify sends it; gzip_min_length can only judge sized responses.
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.on('upgrade', (req, socket) => {
  if (req.url.startsWith('/api/socket.io')) return; // socket.io's own, below
  const lines = Object.entries(seen(req)).map(([k, v]) => `${k}: ${v}`);
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', ...lines, '', ''].join('\r\n'));
  socket.on('data', (data) => socket.write(data));
});
// The API's real live-update server (apps/api/src/realtime/realtime-server.options.ts): socket.io,
// WebSocket transport only, under /api/socket.io; it echoes what the client sends.
if (name === 'api') {
  const { Server } = require('socket.io');
  const io = new Server(server, { path: '/api/socket.io', transports: ['websocket'], addTrailingSlash: false, destroyUpgrade: false });
  io.on('connection', (socket) => socket.on('echo', (value, ack) => ack({ value, via: socket.conn.transport.name })));
}
server.listen(Number(port), '127.0.0.1');
EOF
NODE_PATH="$here/../../node_modules" node "$tmp/stub.js" api "$api_port" & pids+=($!)
node "$tmp/stub.js" web "$web_port" & pids+=($!)

if nginx -t -p "$tmp" -c "$tmp/nginx.conf" >"$tmp/nginx-t.log" 2>&1; then
  check "nginx -t accepts the site" ok ok
else
  check "nginx -t accepts the site" ok "$(cat "$tmp/nginx-t.log")"
  summary; exit 1
fi
# The same site inside Debian's stock nginx.conf (the docs/deployment.md layout), where present.
if [ -f /etc/nginx/nginx.conf ] && grep -q 'include /etc/nginx/sites-enabled/\*;' /etc/nginx/nginx.conf; then
  sed -e "s#include /etc/nginx/sites-enabled/\*;#include $tmp/nestmap.conf;#" \
      -e "s#^pid .*#pid $tmp/stock.pid;#" /etc/nginx/nginx.conf > "$tmp/stock-nginx.conf"
  if nginx -t -c "$tmp/stock-nginx.conf" >"$tmp/stock-t.log" 2>&1; then
    check "nginx -t accepts the site inside /etc/nginx/nginx.conf" ok ok
  else
    check "nginx -t accepts the site inside /etc/nginx/nginx.conf" ok "$(cat "$tmp/stock-t.log")"
  fi
fi

nginx -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' & pids+=($!)
wait_port "$api_port"; wait_port "$web_port"; wait_port "$http_port"; wait_port "$https_port"

base="https://yourdomain.com:$https_port"
# --resolve keeps SNI/Host realistic; source 127.0.0.2 shows X-Forwarded-For is the real peer.
curl_tls() { curl -sk --max-time 5 --interface 127.0.0.2 --resolve "yourdomain.com:$https_port:127.0.0.1" "$@"; }
# header NAME < dump: value of the last NAME header (CR stripped); count_header NAME: occurrences.
header() { tr -d '\r' | awk -v n="$(echo "$1" | tr 'A-Z' 'a-z')" 'tolower($0) ~ "^"n":" { sub(/^[^:]*:[ ]*/, ""); v=$0 } END { print v }'; }
count_header() { tr -d '\r' | grep -ci "^$1:" || true; }
status() { tr -d '\r' | awk 'NR==1 { print $2 }'; }

# 1. Plain HTTP redirects to HTTPS, keeping path and query.
r=$(curl -s --max-time 5 -o /dev/null -D - "http://127.0.0.1:$http_port/trips/42?tab=map")
check "http -> 301" 301 "$(status <<<"$r")"
check "http -> Location https://yourdomain.com/..." "https://yourdomain.com/trips/42?tab=map" "$(header Location <<<"$r")"
check "no nginx version on the redirect" nginx "$(header Server <<<"$r")"

# 2. /api/ reaches the API with the client's address, whatever the client claims.
r=$(curl_tls -o /dev/null -D - -H 'X-Forwarded-For: 1.2.3.4' -H 'X-Real-IP: 1.2.3.4' "$base/api/x?y=1")
check "https /api/x -> 200" 200 "$(status <<<"$r")"
check "/api/x served by the API" api "$(header x-seen-by <<<"$r")"
check "path and query passed unchanged" "/api/x?y=1" "$(header x-seen-url <<<"$r")"
check "X-Forwarded-For overwritten with the client address (spoofed 1.2.3.4 dropped)" 127.0.0.2 "$(header x-seen-xff <<<"$r")"
check "X-Real-IP is the client address" 127.0.0.2 "$(header x-seen-real-ip <<<"$r")"
check "X-Forwarded-Proto https" https "$(header x-seen-proto <<<"$r")"
check "Host passed on (\$host: name without port)" yourdomain.com "$(header x-seen-host <<<"$r")"
check "plain request: Connection: close upstream" close "$(header x-seen-connection <<<"$r")"

# 3. Security headers on a 200 from the API (which sends its own X-Frame-Options: SAMEORIGIN).
check "200: X-Frame-Options DENY" DENY "$(header X-Frame-Options <<<"$r")"
check "200: X-Frame-Options sent once" 1 "$(count_header X-Frame-Options <<<"$r")"
check "200: nosniff" nosniff "$(header X-Content-Type-Options <<<"$r")"
check "200: HSTS" "max-age=31536000; includeSubDomains" "$(header Strict-Transport-Security <<<"$r")"
check "200: CSP frame-ancestors" "frame-ancestors 'none'" "$(header Content-Security-Policy <<<"$r")"
check "200: Server without version" nginx "$(header Server <<<"$r")"
check "200: no X-Powered-By" 0 "$(count_header X-Powered-By <<<"$r")"

# 4. / goes to the web app.
r=$(curl_tls -o /dev/null -D - "$base/trips")
check "/trips served by the web app" web "$(header x-seen-by <<<"$r")"
check "web: X-Frame-Options DENY" DENY "$(header X-Frame-Options <<<"$r")"

# 5. Headers on an upstream 404 and on nginx's own error pages.
r=$(curl_tls -o /dev/null -D - "$base/api/missing")
check "API 404 passed through" 404 "$(status <<<"$r")"
check "404: HSTS" "max-age=31536000; includeSubDomains" "$(header Strict-Transport-Security <<<"$r")"
check "404: nosniff" nosniff "$(header X-Content-Type-Options <<<"$r")"
check "404: X-Frame-Options DENY" DENY "$(header X-Frame-Options <<<"$r")"

# 5b. The API's Prometheus metrics are not reachable through the site (any method, any case of query).
r=$(curl_tls -o "$tmp/metrics.body" -D - "$base/api/metrics")
check "/api/metrics -> 404 from nginx" 404 "$(status <<<"$r")"
check "/api/metrics never reaches the API" "" "$(header x-seen-by <<<"$r")"
for variant in "api/metrics?x=1" "api/metrics/" "api/%6detrics" "API/Metrics" "api//metrics" "api/./metrics"; do
  r2=$(curl_tls --path-as-is -o /dev/null -D - "$base/$variant")
  check "/$variant -> 404 from nginx, not the API" "404/" "$(status <<<"$r2")/$(header x-seen-by <<<"$r2")"
done
check "/api/metrics-report still goes to the API" api "$(curl_tls -o /dev/null -D - "$base/api/metrics-report" | header x-seen-by)"
check "404 for /api/metrics: HSTS" "max-age=31536000; includeSubDomains" "$(header Strict-Transport-Security <<<"$r")"

# 6. Methods: TRACE and unknown methods are refused by nginx.
r=$(curl_tls -o "$tmp/trace.body" -D - -X TRACE "$base/api/x")
check "TRACE -> 405" 405 "$(status <<<"$r")"
check "405: X-Frame-Options DENY" DENY "$(header X-Frame-Options <<<"$r")"
check "405: no nginx version in body" 0 "$(grep -c 'nginx/' "$tmp/trace.body" || true)"
check "TRACE / -> 405" 405 "$(curl_tls -o /dev/null -w '%{http_code}' -X TRACE "$base/")"
check "unknown method FOO -> 405" 405 "$(curl_tls -o /dev/null -w '%{http_code}' -X FOO "$base/api/x")"
check "PATCH still reaches the API" 200 "$(curl_tls -o /dev/null -w '%{http_code}' -X PATCH -d '{}' "$base/api/x")"

# 7. Body size: 2 MiB -> 413 from nginx; 512 KiB passes.
head -c $((2 * 1024 * 1024)) /dev/zero > "$tmp/2mib"
head -c $((512 * 1024)) /dev/zero > "$tmp/512kib"
r=$(curl_tls -o /dev/null -D - -H 'Content-Type: application/json' --data-binary "@$tmp/2mib" "$base/api/x")
check "2 MiB body -> 413" 413 "$(status <<<"$r")"
check "413: HSTS" "max-age=31536000; includeSubDomains" "$(header Strict-Transport-Security <<<"$r")"
r=$(curl_tls -o /dev/null -D - -H 'Content-Type: application/json' --data-binary "@$tmp/512kib" "$base/api/x")
check "512 KiB body reaches the API whole" 524288 "$(header x-seen-body-bytes <<<"$r")"

# 8. gzip per docs/deployment.md: JSON >= 1024 bytes compressed with Vary; small responses not.
r=$(curl_tls -o /dev/null -D - -H 'Accept-Encoding: gzip' "$base/api/big")
check "4 KiB JSON gzipped" gzip "$(header Content-Encoding <<<"$r")"
check "gzip_vary: Vary Accept-Encoding" Accept-Encoding "$(header Vary <<<"$r")"
r=$(curl_tls -o /dev/null -D - -H 'Accept-Encoding: gzip' "$base/api/x")
check "small JSON not gzipped" "" "$(header Content-Encoding <<<"$r")"

# 9. HTTP/2 is negotiated.
check "HTTP/2 over TLS" 2 "$(curl_tls --http2 -o /dev/null -w '%{http_version}' "$base/api/x")"

# 10. WebSocket: Upgrade/Connection forwarded, 101, bytes flow both ways through the tunnel.
ws=$(HTTPS_PORT=$https_port timeout 10 node -e '
  const tls = require("tls");
  const s = tls.connect({ host: "127.0.0.1", port: +process.env.HTTPS_PORT, servername: "yourdomain.com", rejectUnauthorized: false, ALPNProtocols: ["http/1.1"] });
  let buf = "", sent = false;
  const done = (out) => { console.log(out); s.destroy(); };
  setTimeout(() => done("timeout: " + JSON.stringify(buf)), 5000).unref();
  s.on("secureConnect", () => s.write("GET /api/live HTTP/1.1\r\nHost: yourdomain.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
  s.on("data", (d) => {
    buf += d;
    const end = buf.indexOf("\r\n\r\n");
    if (end < 0) return;
    if (!sent) { sent = true; s.write("ping-through-tunnel"); }
    const body = buf.slice(end + 4);
    if (body === "ping-through-tunnel") {
      const h = (n) => (buf.match(new RegExp("^" + n + ": (.*)$", "mi")) || [])[1] || "";
      done([buf.split("\r\n")[0].split(" ")[1], h("x-seen-upgrade"), h("x-seen-connection").toLowerCase(), "echo-ok"].join(" "));
    }
  });
  s.on("error", (e) => done("error: " + e.message));
' || echo "node client failed")
check "WebSocket: 101, Upgrade/Connection forwarded, echo through tunnel" "101 websocket upgrade echo-ok" "$ws"

# 10b. socket.io as the web app uses it (WebSocket transport only, /api/socket.io): through nginx.
sio=$(HTTPS_PORT=$https_port NODE_PATH="$here/../../node_modules" timeout 10 node -e '
  const { io } = require("socket.io-client");
  const s = io("https://127.0.0.1:" + process.env.HTTPS_PORT, { path: "/api/socket.io", addTrailingSlash: false, transports: ["websocket"], rejectUnauthorized: false, extraHeaders: { host: "yourdomain.com" }, reconnection: false });
  const done = (out) => { console.log(out); s.close(); };
  setTimeout(() => done("timeout"), 5000).unref();
  s.on("connect", async () => { const r = await s.emitWithAck("echo", "through-nginx"); done(r.value + " " + r.via); });
  s.on("connect_error", (e) => done("error: " + e.message));
' || echo "socket.io client failed")
check "socket.io over WebSocket through nginx: connects, acks" "through-nginx websocket" "$sio"

# 11. A dropped upstream connection (a worker stopping during `pm2 reload`): idempotent requests
# get a second attempt, POST and PATCH never reach the API twice.
r=$(curl_tls -o /dev/null -D - "$base/api/drop-first/get")
check "GET on a dropped connection: retried, 200" "200 2" "$(status <<<"$r") $(header x-seen-attempts <<<"$r")"
r=$(curl_tls -o /dev/null -D - -X PUT -d '{}' "$base/api/drop-first/put")
check "PUT on a dropped connection: retried, 200" "200 2" "$(status <<<"$r") $(header x-seen-attempts <<<"$r")"
check "POST on a dropped connection: 502, not retried" 502 "$(curl_tls -o /dev/null -w '%{http_code}' -X POST -d '{}' "$base/api/drop-first/post")"
check "the dropped POST reached the API once (the next POST is its 2nd)" 2 "$(curl_tls -o /dev/null -D - -X POST -d '{}' "$base/api/drop-first/post" | header x-seen-attempts)"
check "PATCH on a dropped connection: 502, not retried" 502 "$(curl_tls -o /dev/null -w '%{http_code}' -X PATCH -d '{}' "$base/api/drop-first/patch")"

# 12. Server-sent events (the assistant's briefing) pass unbuffered: the first event arrives while
# the stream is still open, and its location turns proxy buffering off.
first=$(curl_tls -N --max-time 1.5 -X POST -d '{}' "$base/api/trips/t1/assistant/briefings" || true)
check "briefing stream: first event arrives before the stream ends" 1 "$(grep -c '"text":"first"' <<<"$first" || true)"
check "proxy_buffering off for the briefing stream" 1 "$(awk '/assistant\/briefings/,/}/' "$tmp/nestmap.conf" | grep -c 'proxy_buffering off;')"

# 13. The long read timeout for WebSockets is configured on /api/.
check "proxy_read_timeout 86400 in /api/" 1 "$(awk '/location \/api\//,/}/' "$tmp/nestmap.conf" | grep -c 'proxy_read_timeout 86400;')"

summary
