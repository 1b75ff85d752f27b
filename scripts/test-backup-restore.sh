#!/usr/bin/env bash
# Proves scripts/backup-db.sh and scripts/restore-db.sh against a real PostgreSQL (docs/security.md R15):
# seeds scratch database nestmap_backup_src with known rows, backs it up, restores into
# nestmap_backup_dst, compares every table (count + ordered md5 of the rows), sequences and the
# schema, then checks retention and the failure paths. Drops both scratch databases at the end.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/test-backup-restore.sh
#
# DATABASE_URL must let its user create databases. Prints "N passed, M failed"; exits 1 on failure.
set -euo pipefail

if [ -z "${DATABASE_URL:-}" ]; then
  echo "test-backup-restore: SKIPPED: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)"
  exit 0
fi
scripts=$(cd "$(dirname "$0")" && pwd)
export PGCONNECT_TIMEOUT=5

# URL of another database on the same server: replace the path, keep the query string.
base=${DATABASE_URL%%\?*}
query=${DATABASE_URL:${#base}}
if ! [[ $base =~ ^postgres(ql)?://[^/]+/[^/]*$ ]]; then
  echo "test-backup-restore: DATABASE_URL must look like postgres://user@host:port/database" >&2
  exit 1
fi
db_url() { echo "${base%/*}/$1$query"; }
src=$(db_url nestmap_backup_src)
dst=$(db_url nestmap_backup_dst)

sql() { local url=$1; shift; psql --dbname="$url" -XAtq -v ON_ERROR_STOP=1 "$@"; }

client_major=$(pg_dump --version | sed -nE 's/^pg_dump \(PostgreSQL\) ([0-9]+).*/\1/p')
server_major=$(($(sql "$DATABASE_URL" -c 'SHOW server_version_num') / 10000))
if [ "$server_major" -gt "$client_major" ]; then
  echo "test-backup-restore: SKIPPED: the server is PostgreSQL $server_major, newer than pg_dump $client_major (pg_dump cannot dump it)"
  exit 0
fi

tmp=$(mktemp -d)
reset_db() { PGOPTIONS='-c client_min_messages=warning' sql "$DATABASE_URL" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" ${2:+-c "CREATE DATABASE $1"}; }
cleanup() {
  reset_db nestmap_backup_src || true
  reset_db nestmap_backup_dst || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source=scripts/lib/checks.sh
. "$(dirname "$0")/lib/checks.sh"
# run CMD…: exit status of a bounded command, its stderr kept in $tmp/err.
run() { local rc=0; timeout 120 "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?; echo "$rc"; }

reset_db nestmap_backup_src create
reset_db nestmap_backup_dst create

# Known rows: an enum, uuid, numeric, date, timestamptz, jsonb, NULLs, quotes, newlines, non-ASCII,
# a foreign key, a unique index, and a TypeORM-like migrations table. Deterministic (no random()).
sql "$src" >/dev/null <<'SQL'
CREATE TYPE trip_status AS ENUM ('draft', 'submitted', 'approved');
CREATE TABLE organizations (id uuid PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE trips (
  id bigserial PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  title text NOT NULL,
  notes text,
  budget numeric(12, 2),
  starts_on date NOT NULL,
  created_at timestamptz NOT NULL,
  status trip_status NOT NULL,
  meta jsonb NOT NULL
);
CREATE INDEX idx_trips_org_starts ON trips (organization_id, starts_on);
CREATE TABLE migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
INSERT INTO migrations ("timestamp", name) VALUES (1795870528874, 'Foundation1795870528874'), (1795870600000, 'Trips1795870600000');
INSERT INTO organizations VALUES
  ('00000000-0000-4000-8000-00000000000a', 'Org A'),
  ('00000000-0000-4000-8000-00000000000b', 'Org "B", Zürich ✈ 東京');
INSERT INTO trips (organization_id, title, notes, budget, starts_on, created_at, status, meta)
SELECT CASE WHEN i % 2 = 0 THEN '00000000-0000-4000-8000-00000000000a'::uuid ELSE '00000000-0000-4000-8000-00000000000b'::uuid END,
       'Trip ' || i || CASE WHEN i % 7 = 0 THEN E' to O''Hare\nline two' ELSE '' END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE md5(i::text) END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 37 % 100000) / 100.0 END,
       DATE '2026-01-01' + (i % 365),
       TIMESTAMPTZ '2026-01-01 00:00:00+00' + i * INTERVAL '17 minutes',
       (ARRAY['draft', 'submitted', 'approved'])[1 + i % 3]::trip_status,
       jsonb_build_object('i', i, 'tags', jsonb_build_array('a', i % 10), 'city', 'Zürich')
FROM generate_series(1, 20000) AS i;
SELECT setval('trips_id_seq', 20042);
SQL

tables_of() { sql "$1" -c "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"; }
fingerprint() { # every table: name, row count, md5 of its rows in a fixed order
  local table
  for table in $(tables_of "$1"); do
    sql "$1" -c "SELECT '$table', count(*), coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '-') FROM $table t"
  done
}
sequences_of() {
  local seq
  for seq in $(sql "$1" -c "SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences ORDER BY 1"); do
    sql "$1" -c "SELECT '$seq', last_value, is_called FROM $seq"
  done
}
# pg_dump >= 15.14 writes a random \restrict key into each dump; it is not part of the schema.
schema_of() { pg_dump --dbname="$1" --schema-only --no-owner | grep -vE '^(--|$|\\(un)?restrict )'; }

fingerprint "$src" > "$tmp/src.fp"
check "source seeded (3 tables, 20000 trips)" "3 20000" \
  "$(wc -l <"$tmp/src.fp" | tr -d ' ') $(grep '^public.trips|' "$tmp/src.fp" | cut -d'|' -f2)"

# Retention fixtures: two archives past 30 days (ours and docs/deployment.md's .sql.gz), one at 29
# days, and an unrelated old file that must survive.
backups="$tmp/backups"
mkdir -p "$backups"
touch -d '40 days ago' "$backups/nestmap_backup_20200101_020000.dump" "$backups/nestmap_backup_20200101_020000.sql.gz" "$backups/notes.txt"
touch -d '29 days ago' "$backups/nestmap_backup_20200201_020000.dump"

# --- backup
rc=$(BACKUP_DIR="$backups" DATABASE_URL="$src" run "$scripts/backup-db.sh")
check "backup-db.sh exits 0" 0 "$rc"
archive=$(cat "$tmp/out")
check "backup-db.sh prints the new archive path" yes "$([[ $archive =~ /nestmap_backup_[0-9]{8}_[0-9]{6}\.dump$ ]] && [ -f "$archive" ] && echo yes || echo "no: '$archive' $(cat "$tmp/err")")"
check "archive readable by its owner only" 600 "$(stat -c %a "$archive" 2>/dev/null)"
check "archive is custom format with data for every table" 3 "$(pg_restore --list "$archive" | grep -cE 'TABLE DATA public (organizations|trips|migrations) ')"
check "retention: archives older than 30 days deleted (.dump and .sql.gz)" 0 "$(find "$backups" -name 'nestmap_backup_2020010*' | wc -l | tr -d ' ')"
check "retention: 29-day-old archive kept" yes "$([ -f "$backups/nestmap_backup_20200201_020000.dump" ] && echo yes || echo no)"
check "retention: unrelated files kept" yes "$([ -f "$backups/notes.txt" ] && echo yes || echo no)"
check "no .partial file left" 0 "$(find "$backups" -name '*.partial' | wc -l | tr -d ' ')"

# --- restore and compare
rc=$(run "$scripts/restore-db.sh" "$archive" "$dst")
check "restore-db.sh exits 0" 0 "$rc"
cat "$tmp/out"
fingerprint "$dst" > "$tmp/dst.fp"
while IFS='|' read -r table count md5; do
  check "$table: count + ordered md5 equal ($count rows)" "$table|$count|$md5" "$(grep "^$table|" "$tmp/dst.fp" || echo missing)"
done < "$tmp/src.fp"
check "same table list" "$(cut -d'|' -f1 "$tmp/src.fp")" "$(cut -d'|' -f1 "$tmp/dst.fp")"
check "migrations table identical" "$(sql "$src" -c 'SELECT * FROM migrations ORDER BY id')" "$(sql "$dst" -c 'SELECT * FROM migrations ORDER BY id')"
sequences_of "$src" > "$tmp/src.seq"
check "source sequence trips_id_seq at 20042" yes "$(grep -qx 'public.trips_id_seq|20042|t' "$tmp/src.seq" && echo yes || echo no)"
check "sequence positions equal" "$(cat "$tmp/src.seq")" "$(sequences_of "$dst")"
schema_of "$src" > "$tmp/src.schema"
check "source schema dumped (enum, FK, index present)" 3 "$(grep -cE 'CREATE TYPE public.trip_status|FOREIGN KEY|CREATE INDEX idx_trips_org_starts' "$tmp/src.schema")"
check "schema (types, constraints, indexes) identical" "" "$(schema_of "$dst" | diff "$tmp/src.schema" - || true)"

# --- failure paths
rc=$(run "$scripts/restore-db.sh" "$archive" "$dst")
check "restore into a non-empty database refused" "1 yes" "$rc $(grep -q 'not empty' "$tmp/err" && echo yes || echo no)"

head -c $(($(stat -c %s "$archive") * 7 / 10)) "$archive" > "$tmp/truncated.dump"
reset_db nestmap_backup_dst create
rc=$(run "$scripts/restore-db.sh" "$tmp/truncated.dump" "$dst")
# The table of contents survives the cut, so pg_restore starts and fails on the missing data.
check "truncated archive: restore starts, then fails" "yes no" \
  "$([ "$rc" -ne 0 ] && echo yes || echo "no (rc $rc)") $(grep -q 'not a pg_dump' "$tmp/err" && echo yes || echo no)"
check "truncated archive: nothing left behind (single transaction)" 0 \
  "$(sql "$dst" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")"

before=$(find "$backups" -type f | wc -l)
rc=$(BACKUP_DIR="$backups" DATABASE_URL="$(db_url nestmap_backup_does_not_exist)" run "$scripts/backup-db.sh")
check "backup of a missing database fails" yes "$([ "$rc" -ne 0 ] && echo yes || echo "no (rc $rc)")"
check "failed backup adds no file" "$before" "$(find "$backups" -type f | wc -l)"

# The version guard, with psql stubbed to report a PostgreSQL 18 server.
mkdir -p "$tmp/shim"
printf '#!/bin/sh\necho 180000\n' > "$tmp/shim/psql"
chmod +x "$tmp/shim/psql"
rc=$(PATH="$tmp/shim:$PATH" BACKUP_DIR="$backups" DATABASE_URL="$src" run "$scripts/backup-db.sh")
check "server newer than pg_dump: refused with an explanation" "3 yes" "$rc $(grep -q 'cannot dump a newer server' "$tmp/err" && echo yes || echo no)"
check "refused backup adds no file" "$before" "$(find "$backups" -type f | wc -l)"

rc=$(run "$scripts/restore-db.sh" "$archive")
check "restore-db.sh without a target: usage, exit 2" 2 "$rc"

# PG* variables instead of DATABASE_URL (the other documented way to configure it).
pgenv=$(node -e '
  const u = new URL(process.argv[1]);
  const q = (v) => "\x27" + decodeURIComponent(v).replace(/\x27/g, "\x27\\\x27\x27") + "\x27";
  console.log([["PGHOST", u.hostname.replace(/^\[|\]$/g, "")], ["PGPORT", u.port || "5432"], ["PGUSER", u.username], ["PGPASSWORD", u.password]]
    .filter(([, v]) => v).map(([k, v]) => `export ${k}=${q(v)}`).join("; "));' "$src")
rm -f "$backups"/nestmap_backup_2*.dump
rc=$(env -u DATABASE_URL bash -c "$pgenv; export PGDATABASE=nestmap_backup_src BACKUP_DIR='$backups'; exec '$scripts/backup-db.sh'" >"$tmp/pgenv.out" 2>&1; echo $?)
check "backup with PG* variables instead of DATABASE_URL" "0 3" "$rc $(pg_restore --list "$(tail -n1 "$tmp/pgenv.out")" 2>/dev/null | grep -c 'TABLE DATA public')"

# docs/deployment.md's original format (plain SQL + gzip) restores too.
pg_dump --dbname="$src" | gzip > "$tmp/nestmap_backup_legacy.sql.gz"
reset_db nestmap_backup_dst create
rc=$(run "$scripts/restore-db.sh" "$tmp/nestmap_backup_legacy.sql.gz" "$dst")
check "plain SQL + gzip archive restores, same fingerprint" "0 yes" "$rc $(fingerprint "$dst" | cmp -s - "$tmp/src.fp" && echo yes || echo no)"

summary
