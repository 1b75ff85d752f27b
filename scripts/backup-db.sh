#!/usr/bin/env bash
# Database backup (docs/deployment.md § Backup strategy), made configurable.
#
#   DATABASE_URL=postgresql://user:pass@host:5432/db scripts/backup-db.sh
#   PGHOST=… PGUSER=… PGDATABASE=… scripts/backup-db.sh      (password: PGPASSWORD or ~/.pgpass)
#
# Without either it uses docs/deployment.md's -h localhost -U nestmap_user nestmap_production.
# BACKUP_DIR (default ./backups), RETENTION_DAYS (default 30). Prints the archive path.
# DATABASE_URL is passed to pg_dump as an argument, so its password is visible in the process
# list while the dump runs; on shared hosts prefer PG* variables and ~/.pgpass.
#
# Format: pg_dump's custom format (-Fc) instead of docs/deployment.md's plain SQL + gzip. It is
# compressed with the same zlib deflate, and it is what makes the tested restore possible:
# pg_restore --single-transaction --exit-on-error (all or nothing), --no-owner, a table of
# contents to inspect (pg_restore --list), selective restores. Restore: scripts/restore-db.sh.
set -euo pipefail
umask 077 # the dump holds password hashes and personal data

BACKUP_DIR=${BACKUP_DIR:-./backups}
RETENTION_DAYS=${RETENTION_DAYS:-30}
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}

if [ -n "${DATABASE_URL:-}" ]; then
  conn=(--dbname="$DATABASE_URL")
else
  export PGHOST=${PGHOST:-localhost} PGUSER=${PGUSER:-nestmap_user} PGDATABASE=${PGDATABASE:-nestmap_production}
  conn=()
fi

# pg_dump refuses servers newer than itself; say why and what to do instead of a bare error.
client_major=$(pg_dump --version | sed -nE 's/^pg_dump \(PostgreSQL\) ([0-9]+).*/\1/p')
server_num=$(psql "${conn[@]}" -XAtq -c 'SHOW server_version_num')
server_major=$((server_num / 10000))
if [ "$server_major" -gt "$client_major" ]; then
  echo "backup-db: the server runs PostgreSQL $server_major but this pg_dump is version $client_major," >&2
  echo "backup-db: and pg_dump cannot dump a newer server. Install postgresql-client-$server_major" >&2
  echo "backup-db: (apt.postgresql.org) or run this script where a matching pg_dump exists. No backup was made." >&2
  exit 3
fi

mkdir -p "$BACKUP_DIR"
file="$BACKUP_DIR/nestmap_backup_$(date +%Y%m%d_%H%M%S).dump"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

pg_dump "${conn[@]}" --format=custom --file="$partial"
# Read the whole archive back (every data block decompressed) before calling it a backup.
pg_restore --file=/dev/null "$partial"
mv "$partial" "$file"

# Retention runs only after a good backup, so a failing job never eats the old ones. The
# .sql.gz pattern also ages out archives written by docs/deployment.md's original script.
find "$BACKUP_DIR" -maxdepth 1 -type f \
  \( -name 'nestmap_backup_*.dump' -o -name 'nestmap_backup_*.sql.gz' \) \
  -mtime +"$RETENTION_DAYS" -delete

echo "$file"
