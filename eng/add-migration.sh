#!/usr/bin/env bash
# Adds a migration NAME for both engines (SQLite and PostgreSQL keep separate migration sets, ADR 0004).
# Usage: eng/add-migration.sh NAME
set -euo pipefail
name=${1:?usage: eng/add-migration.sh NAME}
root=$(cd "$(dirname "$0")/.." && pwd)
api="$root/src/Infrastructuur.Api"
cd "$root"
dotnet tool restore >/dev/null
dotnet build "$api" -v q -nologo >/dev/null
for engine in Sqlite Postgres; do
  (cd "$api" && dotnet ef migrations add "$name" --no-build \
      --context "${engine}InfrastructuurDb" \
      --output-dir "Data/Migrations/$engine" \
      --namespace "Infrastructuur.Api.Data.Migrations.$engine")
  # dotnet-ef writes the model snapshot into a folder named after the namespace; keep it beside its migrations.
  if [ -d "$api/Infrastructuur" ]; then
    find "$api/Infrastructuur" -name '*ModelSnapshot.cs' -exec mv {} "$api/Data/Migrations/$engine/" \;
    rm -rf "$api/Infrastructuur"
  fi
done
