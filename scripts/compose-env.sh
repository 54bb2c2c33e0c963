#!/usr/bin/env sh
# Writes the .env that docker-compose.yml reads, with a generated database password: 32 URL-safe characters
# (192 random bits from /dev/urandom), file mode 600. Run once before the first `docker compose up`.
#   scripts/compose-env.sh [PATH]     PATH defaults to .env beside docker-compose.yml
# Never overwrites a password already there: PostgreSQL keeps the one it was first started with (README, "Docker
# Compose", to change it). .env is git-ignored and docker-ignored.
set -eu
target=${1:-"$(cd "$(dirname "$0")/.." && pwd)/.env"}

if [ -f "$target" ] && grep -q '^RUNRECOVERY_DB_PASSWORD=.' "$target"; then
  echo "$target already holds RUNRECOVERY_DB_PASSWORD; left as it is."
  exit 0
fi

umask 077
password=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
[ "${#password}" -eq 32 ] || { echo "could not generate a password" >&2; exit 1; }
printf '# Written by scripts/compose-env.sh on %s. Keep it secret; it is not in git.\nRUNRECOVERY_DB_PASSWORD=%s\n' \
  "$(date -u +%Y-%m-%d)" "$password" >>"$target"
chmod 600 "$target"
echo "Wrote a generated database password to $target (mode 600)."
