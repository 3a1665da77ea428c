#!/usr/bin/env bash
# Benchmarks the running API against its "floor" (the same EF Core queries without GraphQL, bench/Infrastructuur.Bench).
# Prints requests/s, p50/p99 latency and server CPU per request for each scenario, and writes bench/results.md.
# Loopback only; every load run is bounded in time.
#   bench/run.sh [--engine sqlite|postgres] [--duration 10] [--concurrency 4]
# Needs: hey (Debian package "hey"); for --engine postgres a PostgreSQL 15 install (a throwaway cluster is started).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
engine=sqlite; duration=10; concurrency=4
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v hey >/dev/null || { echo "hey is missing: apt-get install hey" >&2; exit 2; }

out="$root/bench/out"; mkdir -p "$out"
dotnet build "$root/bench/Infrastructuur.Bench" -c Release -p:SkipIde=true -v q -nologo >/dev/null
api_dll="$root/src/Infrastructuur.Api/bin/Release/net10.0/Infrastructuur.Api.dll"
floor_dll="$root/bench/Infrastructuur.Bench/bin/Release/net10.0/Infrastructuur.Bench.dll"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${pg_stop:-}" ] && eval "$pg_stop"; }
trap cleanup EXIT

export Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production GraphQL__EnableIde=false
# Production refuses to start without token validation configured; the benchmark gets a throwaway key.
export Authentication__Schemes__Bearer__ValidIssuer=https://bench.infrastructuur.example \
  Authentication__Schemes__Bearer__ValidAudiences__0=infrastructuur-bench \
  Authentication__Schemes__Bearer__SigningKeys__0__Value="$(head -c 32 /dev/urandom | base64)"
if [ "$engine" = postgres ]; then
  source "$root/bench/pg.sh"   # sets Database__* and pg_stop
else
  rm -f "$out"/bench.db*
  export Database__Provider=Sqlite Database__SqlitePath="$out/bench.db"
fi

started=
start() { # dll port probe → sets $started to the server's pid
  if curl -s -o /dev/null "http://127.0.0.1:$2/"; then echo "port $2 is already in use" >&2; exit 1; fi
  ( cd "$root/src/Infrastructuur.Api" && exec dotnet "$1" --urls "http://127.0.0.1:$2" ) >"$out/server-$2.log" 2>&1 &
  started=$!; pids+=("$started")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$2$3" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "server on port $2 did not start; see $out/server-$2.log" >&2; exit 1
}
start "$api_dll" 5091 /health/ready; api_pid=$started
start "$floor_dll" 5092 /floor/typename; floor_pid=$started

# Dashboard scenarios cover one whole municipality (CBS code BENCH_MUNICIPALITY); a query declaring $municipality gets its ID.
export BENCH_MUNICIPALITY=${BENCH_MUNICIPALITY:-GM1930}
municipality_id=$(curl -sf -H 'Content-Type: application/json' -d "{\"query\": \"{ municipality(cbsCode: \\\"$BENCH_MUNICIPALITY\\\") { id } }\"}" http://127.0.0.1:5091/graphql | jq -r '.data.municipality.id // empty')

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# scenario → prints "rps p50ms p99ms cpu_ms_per_req requests"
measure() { # pid hey-args...
  local pid=$1; shift
  hey -z 2s -c "$concurrency" "$@" >/dev/null           # warm-up
  local t0; t0=$(ticks "$pid")
  local report; report=$(hey -z "${duration}s" -c "$concurrency" "$@")
  local t1; t1=$(ticks "$pid")
  local rps p50 p99 n
  rps=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$report" | awk '/ 50% in/ {printf "%.2f", $3*1000}')
  p99=$(echo "$report" | awk '/ 99% in/ {printf "%.2f", $3*1000}')
  n=$(echo "$report" | awk '/\[200\]/ {print $2}')
  local bad; bad=$(echo "$report" | awk '/\[[0-9]+\]/ && !/\[200\]/ {s+=$2} END {print s+0}')
  [ "$bad" = 0 ] || { echo "non-200 responses: $report" >&2; exit 1; }
  local cpu; cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v n="$n" 'BEGIN {printf "%.3f", (b-a)*1000/hz/n}')
  echo "$rps $p50 $p99 $cpu $n"
}

gql() { # file → hey args for a POST of that query
  local body; body=$(jq -Rs --arg m "$municipality_id" '{query: .} + (if test("\\$municipality\\b") then {variables: {municipality: $m}} else {} end)' "$root/bench/queries/$1.graphql" 2>/dev/null \
    || python3 -c 'import json,sys; q=open(sys.argv[1]).read(); print(json.dumps({"query": q, **({"variables": {"municipality": sys.argv[2]}} if "$municipality" in q else {})}))' "$root/bench/queries/$1.graphql" "$municipality_id")
  printf '%s' "$body" > "$out/$1.json"
  echo "-m POST -T application/json -A application/graphql-response+json -D $out/$1.json http://127.0.0.1:5091/graphql"
}

dashboard_scenarios="dashboard-baseline dashboard-needs dashboard-network dashboard-funding dashboard-annual-review dashboard-counts"
scenarios=${BENCH_SCENARIOS:-"typename nested $dashboard_scenarios"}
rows=()
printf '%-10s %-8s %10s %9s %9s %12s %9s\n' scenario side req/s p50_ms p99_ms cpu_ms/req requests
for s in $scenarios; do
  # shellcheck disable=SC2046
  g=$(measure "$api_pid" $(gql "$s"))
  f=$(measure "$floor_pid" "http://127.0.0.1:5092/floor/$s")
  read -r grps gp50 gp99 gcpu gn <<<"$g"; read -r frps fp50 fp99 fcpu fn <<<"$f"
  ratio=$(awk -v a="$gcpu" -v b="$fcpu" 'BEGIN {printf "%.2f", a/b}')
  printf '%-10s %-8s %10s %9s %9s %12s %9s\n' "$s" graphql "$grps" "$gp50" "$gp99" "$gcpu" "$gn"
  printf '%-10s %-8s %10s %9s %9s %12s %9s   graphql/floor CPU %sx\n' "$s" floor "$frps" "$fp50" "$fp99" "$fcpu" "$fn" "$ratio"
  rows+=("| $s | $engine | $grps | $gp50 | $gp99 | $gcpu | $frps | $fcpu | ${ratio}× |")
done

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh --engine $engine --duration $duration --concurrency $concurrency\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; hey and both servers on this one machine, 127.0.0.1)."
  echo "Server CPU per request = (utime+stime of the server process during the run) / requests answered."
  echo "The floor runs the same EF Core queries as the GraphQL resolvers and serialises the same JSON shape without GraphQL (bench/Infrastructuur.Bench)."
  echo
  echo "| scenario | engine | GraphQL req/s | p50 ms | p99 ms | CPU ms/req | floor req/s | floor CPU ms/req | GraphQL/floor CPU |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Queries: bench/queries/*.graphql."
} > "$root/bench/results-$engine.md"
echo "wrote bench/results-$engine.md"
