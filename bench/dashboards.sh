#!/usr/bin/env bash
# Dashboards cold, and write latency: `bench/run.sh --dashboards` hands over to this script.
#   bench/run.sh --dashboards [--engine sqlite|postgres] [--size-factor 1|10] [--rounds 3] [--requests 10] [--writes 20] [--other-requests 3]
# Every section of the synthetic municipality SY0042 for 2025 (bench/queries/dashboard-*.graphql), asked of a server
# without the figure cache (Dashboards:CacheSeconds=0): each request followed by a `{ __typename }` request as the
# reference, --rounds rounds over all sections. Then raiseSignal, changeActivity and awardGrant alternately on this build
# and, with BENCH_BEFORE=<a checkout of another commit>, on that build over its own copy of the same data (generated
# by its own `generate`, same seed), for the write latency before and after. Results: bench/results-dashboards-ENGINE[-xF].md.
# Data: generated once per engine and size into bench/out (synthetic[-xF].db / .pgdump); delete to generate again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
engine=sqlite; factor=1; rounds=3; requests=10; writes=20; other=3
while [ $# -gt 0 ]; do
  case "$1" in
    --dashboards) shift ;;
    --engine) engine=$2; shift 2 ;;
    --size-factor) factor=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --writes) writes=$2; shift 2 ;;
    --other-requests) other=$2; shift 2 ;;
    --data) [ "$2" = synthetic ] || { echo "--dashboards runs on the synthetic data" >&2; exit 2; }; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$engine" in sqlite|postgres) ;; *) echo "--engine is sqlite or postgres" >&2; exit 2 ;; esac
case "$factor" in 1|10) ;; *) echo "--size-factor is 1 or 10" >&2; exit 2 ;; esac
suffix=$([ "$factor" = 1 ] && echo "" || echo "-x$factor")
out="$root/bench/out"; mkdir -p "$out"
results=${BENCH_RESULTS:-"$root/bench/results-dashboards-$engine$suffix.md"}

build() { # checkout → path of its API dll
  dotnet build "$1/src/Infrastructuur.Api" -c Release -p:SkipIde=true -v q -nologo >/dev/null
  echo "$1/src/Infrastructuur.Api/bin/Release/net10.0/Infrastructuur.Api.dll"
}
api_dll=$(build "$root")
before_dll=
if [ -n "${BENCH_BEFORE:-}" ]; then before_dll=$(build "$BENCH_BEFORE"); fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; if [ -n "${pg_stop:-}" ]; then eval "$pg_stop"; fi; }
trap cleanup EXIT
export Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production GraphQL__EnableIde=false GraphQL__RateLimits__Enabled=false
key=$(head -c 32 /dev/urandom | base64)
issuer=https://bench.infrastructuur.example; audience=infrastructuur-bench
export Authentication__Schemes__Bearer__ValidIssuer=$issuer Authentication__Schemes__Bearer__ValidAudiences__0=$audience \
  Authentication__Schemes__Bearer__SigningKeys__0__Value="$key"
# Cold means no figure cache; a cold section may take seconds on the records path.
export Dashboards__CacheSeconds=0 GraphQL__Limits__TimeoutSeconds=300 GraphQL__Limits__Enabled=false

generate() { # dll connection-settings... → generates the synthetic set with that build into the configured database
  ( cd "$root/src/Infrastructuur.Api" && env "${@:2}" dotnet "$1" generate --size-factor "$factor" --seed 42 ) >>"$out/generate-$engine$suffix.log" 2>&1 \
    || { tail -20 "$out/generate-$engine$suffix.log" >&2; exit 1; }
}
if [ "$engine" = postgres ]; then
  source "$root/bench/pg.sh"   # sets Database__*, pg_port, pg_bin and pg_stop
  psql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAt "$@"; }
  dump="$out/synthetic$suffix.pgdump"
  if [ ! -f "$dump" ]; then
    echo "generating the synthetic data set ×$factor on postgres (once)"
    generate "$api_dll"
    "$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Fc -f "$dump"
  else
    "$pg_bin/pg_restore" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres --no-owner "$dump"
  fi
  if [ -n "$before_dll" ]; then
    psql -c "CREATE DATABASE before"
    before_db="${Database__PostgresConnectionString/Database=postgres/Database=before}"
    generate "$before_dll" "Database__PostgresConnectionString=$before_db"
    psql -d before -c "VACUUM ANALYZE"
  fi
  # Migrates a dump of an older model; the first start builds what the model adds (the dashboards' facts).
  ( cd "$root/src/Infrastructuur.Api" && dotnet "$api_dll" rebuild-dashboards ) >"$out/rebuild-$engine$suffix.log" 2>&1 || { cat "$out/rebuild-$engine$suffix.log" >&2; exit 1; }
  psql -c "VACUUM ANALYZE"
  after_env=(); before_env=("Database__PostgresConnectionString=${before_db:-}")
else
  export Database__Provider=Sqlite
  db="$out/synthetic$suffix.db"
  if [ ! -f "$db" ]; then echo "generating the synthetic data set ×$factor on sqlite (once)"; generate "$api_dll" "Database__SqlitePath=$db"; fi
  # Writes land in copies: the generated set stays as generated.
  rm -f "$out"/dash-after.db*; cp "$db" "$out/dash-after.db"
  ( cd "$root/src/Infrastructuur.Api" && Database__SqlitePath="$out/dash-after.db" dotnet "$api_dll" rebuild-dashboards ) >"$out/rebuild-$engine$suffix.log" 2>&1 || { cat "$out/rebuild-$engine$suffix.log" >&2; exit 1; }
  after_env=("Database__SqlitePath=$out/dash-after.db")
  if [ -n "$before_dll" ]; then
    rm -f "$out"/dash-before.db*
    generate "$before_dll" "Database__SqlitePath=$out/dash-before.db"
    before_env=("Database__SqlitePath=$out/dash-before.db")
  fi
fi
grep -m1 -h "Rebuilt" "$out/rebuild-$engine$suffix.log" || true

start() { # dll port env... → sets $started
  ( cd "$root/src/Infrastructuur.Api" && exec env "${@:3}" dotnet "$1" --urls "http://127.0.0.1:$2" ) >"$out/server-$2.log" 2>&1 &
  started=$!; pids+=("$started")
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "server on port $2 did not start; see $out/server-$2.log" >&2; exit 1
}
start "$api_dll" 5093 "${after_env[@]}"
before_args=()
if [ -n "$before_dll" ]; then start "$before_dll" 5094 "${before_env[@]}"; before_args=(--before-port 5094); fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tables=$(python3 "$root/bench/dashboards.py" --port 5093 "${before_args[@]}" --queries "$root/bench/queries" --municipality SY0042 \
  --rounds "$rounds" --requests "$requests" --writes "$writes" --other-requests "$other" --key "$key" --issuer "$issuer" --audience "$audience")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src bench ':!bench/results-*' || echo "+uncommitted")
{
  echo "# Dashboards cold and write latency ($engine, size factor $factor)"
  echo
  echo "Written by \`bench/run.sh --dashboards --engine $engine --size-factor $factor --rounds $rounds --requests $requests --writes $writes\`${BENCH_BEFORE:+ with BENCH_BEFORE at $(git -C "$BENCH_BEFORE" rev-parse --short HEAD)} at commit $commit on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; client and servers on this one machine, 127.0.0.1)."
  echo "Data: the demo data plus the synthetic municipality SY0042 (seed 42, size factor $factor: $((factor * 100000)) activities); every section for the whole municipality in 2025, anonymously, from a server with Dashboards:CacheSeconds=0 (no figure cache: cold)."
  echo "Each section request is followed by a \`{ __typename }\` request (the reference row); $rounds rounds over all sections, $requests requests per section per round."
  if [ -n "${BENCH_BEFORE:-}" ]; then side="alternately on this build and on the build before (its own copy of the same data)"; else side="on this build only (no BENCH_BEFORE)"; fi
  echo "Writes: each mutation $side, $writes times."
  echo "Other scopes, $other requests per section each after the cold sections: a working area (facts kept per area; the network computes from the records for every scope), half a year (from the records, but grouped counts from their facts: whole months) and grouped counts for 2025-03-15..2025-09-14 (from the records)."
  echo "Load on the machine (1/5/15-minute load average): $load_before before, $load_after after."
  echo
  echo "$tables"
} >"$results"
echo "wrote ${results#"$root/"}"
cat "$results"
