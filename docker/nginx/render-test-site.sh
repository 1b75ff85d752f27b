#!/usr/bin/env bash
# Renders docker/nginx/nestmap.conf for a test run under a private nginx prefix: a throwaway
# certificate, loopback listen ports and the given upstream ports substituted, nothing else changed.
#
#   render-test-site.sh DIR API_PORT WEB_PORT HTTP_PORT HTTPS_PORT
#
# Writes DIR/nestmap.conf, DIR/nginx.conf (run it with `nginx -p DIR -c DIR/nginx.conf`) and the
# certificate. Used by test-nginx.sh and scripts/test-pm2-reload.sh.
set -euo pipefail

if [ $# -ne 5 ]; then
  echo "usage: $0 DIR API_PORT WEB_PORT HTTP_PORT HTTPS_PORT" >&2
  exit 2
fi
dir=$1 api_port=$2 web_port=$3 http_port=$4 https_port=$5
site="$(cd "$(dirname "$0")" && pwd)/nestmap.conf"

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=yourdomain.com" \
  -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" 2>/dev/null

sed -e "s#/etc/letsencrypt/live/yourdomain.com/#$dir/#g" \
    -e "s#listen 80;#listen 127.0.0.1:$http_port;#" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" \
    -e "s#127.0.0.1:5000#127.0.0.1:$api_port#g" \
    -e "s#127.0.0.1:3000#127.0.0.1:$web_port#g" \
    "$site" > "$dir/nestmap.conf"
# If nestmap.conf drifts from these patterns, say so instead of testing something else.
for original in /etc/letsencrypt 'listen 80;' 'listen 443 ssl http2;' 127.0.0.1:5000 127.0.0.1:3000; do
  if grep -qF "$original" "$dir/nestmap.conf"; then
    echo "render-test-site: '$original' in nestmap.conf was not substituted; update this script" >&2
    exit 1
  fi
done

cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 256; }
http {
  access_log $dir/access.log;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  include $dir/nestmap.conf;
}
CONF
