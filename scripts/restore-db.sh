#!/usr/bin/env bash
# Restores an archive written by scripts/backup-db.sh into an EMPTY database:
#
#   createdb -h HOST -U USER nestmap_restore
#   scripts/restore-db.sh backups/nestmap_backup_20260101_020000.dump postgresql://USER@HOST:5432/nestmap_restore
#
# All or nothing: any error aborts and rolls the whole restore back (--single-transaction).
# --no-owner: objects belong to the user of TARGET_DATABASE_URL, whoever owned them before.
# Archives of docs/deployment.md's original script (plain SQL, .sql.gz) restore the same way via psql.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BACKUP_FILE TARGET_DATABASE_URL" >&2
  exit 2
fi
file=$1 target=$2
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}

[ -r "$file" ] || { echo "restore-db: cannot read $file" >&2; exit 1; }

# Restoring over existing tables would fail halfway (rolled back) or, worse, mix two databases.
existing=$(psql --dbname="$target" -XAtq -c "
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")
if [ "$existing" -ne 0 ]; then
  echo "restore-db: the target database is not empty ($existing tables/views/sequences); restore into a new one (createdb)." >&2
  exit 1
fi

started=$(date +%s)
case "$file" in
  *.sql.gz)
    gzip -dc "$file" | psql --dbname="$target" -Xq -v ON_ERROR_STOP=1 --single-transaction >/dev/null
    ;;
  *)
    pg_restore --list "$file" >/dev/null || { echo "restore-db: $file is not a pg_dump custom-format archive" >&2; exit 1; }
    pg_restore --exit-on-error --single-transaction --no-owner --dbname="$target" "$file"
    ;;
esac
echo "restore-db: restored $file in $(($(date +%s) - started)) s"
