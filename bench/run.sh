#!/usr/bin/env bash
# Benchmarks the API against its "floor" (bench/Infrastructuur.Bench): for each scenario the best hand-written SQL for the
# same answer — one statement per request, prepared once and reused, run with Npgsql or Microsoft.Data.Sqlite directly —
# serialised into the same JSON, with the same rows an anonymous caller may see. The GraphQL/floor ratio is what the API
# costs above what the database must do anyway (GraphQL, EF Core and the SQL it sends), not above its own queries.
# Before timing a scenario it checks that the floor's data equals the API's (see same_data) and stops when it does not;
# the dashboard scenarios' floor (the dashboards' own computations, DashboardFloor.cs) is not compared.
# Prints requests/s, p50/p99 latency and server CPU per request for each scenario, and writes bench/results-ENGINE-DATA.md.
# Loopback only; every load run is bounded in time.
#   bench/run.sh [--engine sqlite|postgres] [--data demo|synthetic] [--duration 10] [--concurrency 4] [--limits [--rounds 3]]
#   bench/run.sh --dashboards [--engine sqlite|postgres] [--size-factor 1|10] [--rounds 3] [--requests 10] [--writes 20]
# --data demo: a fresh database with the demo data. --data synthetic: the demo data plus the default synthetic data set
# (100,000 activities, seed 42), generated once into bench/out (synthetic.db, synthetic.pgdump) and reused; delete those
# files to generate again after the generator or the model changed.
# Scenarios (BENCH_SCENARIOS to choose): typename, nested, and Q1–Q4 of issue 3 — q1 one activity by ID with its
# provider's name; q2 the first 50 activities of one neighbourhood by start date with provider names; q3 activity counts
# per theme of one neighbourhood; q4 a search for a two-word phrase.
# --dashboards: see bench/dashboards.sh (every section cold for the whole synthetic municipality, at --size-factor 1 or 10,
# and the write latency of raiseSignal, changeActivity and awardGrant before and after; BENCH_BEFORE names the other build).
# BENCH_FLOOR=0 skips the floor side. BENCH_REQUESTS=N runs exactly N requests per side after one warm-up request instead of a timed run: for scenarios that
# take seconds, where a timed run answers too few requests for percentiles. BENCH_RESULTS names the results file (default bench/results-ENGINE-DATA.md).
# --limits: the cost of the security limits instead of the floor. Two API servers over the same data, one with every
# limit on (the defaults of GraphQL:Limits, and the rate limiter running with budgets raised so one load generator is
# never refused) and one with GraphQL:Limits:Enabled=false and GraphQL:RateLimits:Enabled=false; Q1–Q3 (BENCH_SCENARIOS)
# measured alternately on each, --rounds times, written to bench/results-limits.md.
# Needs: hey (Debian package "hey"), python3; for --engine postgres a PostgreSQL 15 install (a throwaway cluster is started).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# The dashboards (cold, and write latency before and after) have a script of their own.
for arg in "$@"; do [ "$arg" = --dashboards ] && exec "$root/bench/dashboards.sh" "$@"; done
engine=sqlite; data=demo; duration=10; concurrency=4; limits=; rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --limits) limits=1; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v hey >/dev/null || { echo "hey is missing: apt-get install hey" >&2; exit 2; }
case "$engine" in sqlite|postgres) ;; *) echo "--engine is sqlite or postgres" >&2; exit 2 ;; esac
case "$data" in demo|synthetic) ;; *) echo "--data is demo or synthetic" >&2; exit 2 ;; esac

out="$root/bench/out"; mkdir -p "$out"
results=${BENCH_RESULTS:-"$root/bench/results-$engine-$data.md"}; case "$results" in /*) ;; *) results="$root/$results" ;; esac
dotnet build "$root/bench/Infrastructuur.Bench" -c Release -p:SkipIde=true -v q -nologo >/dev/null
api_dll="$root/src/Infrastructuur.Api/bin/Release/net10.0/Infrastructuur.Api.dll"
floor_dll="$root/bench/Infrastructuur.Bench/bin/Release/net10.0/Infrastructuur.Bench.dll"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; if [ -n "${pg_stop:-}" ]; then eval "$pg_stop"; fi; }
trap cleanup EXIT

export Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production GraphQL__EnableIde=false
# The load comes from one client address, so the per-caller rate limits (docs/security.md) would answer 429 after two seconds:
# the benchmark measures what a request costs, not the budget, so they are off here (and only here; --limits turns the
# limiter back on, with budgets out of reach, on its "limits on" server).
export GraphQL__RateLimits__Enabled=false
# Production refuses to start without token validation configured; the benchmark gets a throwaway key.
export Authentication__Schemes__Bearer__ValidIssuer=https://bench.infrastructuur.example \
  Authentication__Schemes__Bearer__ValidAudiences__0=infrastructuur-bench \
  Authentication__Schemes__Bearer__SigningKeys__0__Value="$(head -c 32 /dev/urandom | base64)"
synthetic() { # generates the synthetic data set into the configured database
  echo "generating the synthetic data set (once; see $out/generate-$engine.log)"
  ( cd "$root/src/Infrastructuur.Api" && dotnet "$api_dll" generate --size-factor 1.0 --seed 42 ) >"$out/generate-$engine.log" 2>&1 \
    || { cat "$out/generate-$engine.log" >&2; exit 1; }
  grep -m1 Generated "$out/generate-$engine.log"
}
if [ "$engine" = postgres ]; then
  source "$root/bench/pg.sh"   # sets Database__*, pg_port, pg_bin and pg_stop
  if [ "$data" = synthetic ]; then
    dump="$out/synthetic.pgdump"
    if [ -f "$dump" ]; then
      "$pg_bin/pg_restore" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres --no-owner "$dump"
      "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "VACUUM ANALYZE"
    else
      synthetic
      "$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Fc -f "$dump"
    fi
  fi
else
  export Database__Provider=Sqlite
  if [ "$data" = synthetic ]; then
    export Database__SqlitePath="$out/synthetic.db"
    [ -f "$out/synthetic.db" ] || synthetic
  else
    rm -f "$out"/bench.db*
    export Database__SqlitePath="$out/bench.db"
  fi
fi

# Dashboard scenarios cover one whole municipality: the synthetic one (SY0042) or Nissewaard (GM1930) in the demo data;
# BENCH_MUNICIPALITY overrides. Exported before the servers start: the floor reads it too.
if [ "$data" = synthetic ]; then default_municipality=SY0042; else default_municipality=GM1930; fi
export BENCH_MUNICIPALITY=${BENCH_MUNICIPALITY:-$default_municipality}

started=
start() { # dll port probe → sets $started to the server's pid
  if curl -s -o /dev/null "http://127.0.0.1:$2/"; then echo "port $2 is already in use" >&2; exit 1; fi
  ( cd "$root/src/Infrastructuur.Api" && exec dotnet "$1" --urls "http://127.0.0.1:$2" ) >"$out/server-$2.log" 2>&1 &
  started=$!; pids+=("$started")
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$2$3" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "server on port $2 did not start; see $out/server-$2.log" >&2; exit 1
}
if [ -n "$limits" ]; then
  # Limits on: the defaults, with request and cost budgets out of reach of one load generator (the limiter still runs).
  GraphQL__RateLimits__Enabled=true GraphQL__RateLimits__RequestsPerMinuteAnonymous=1000000000 GraphQL__RateLimits__CostPerMinuteAnonymous=2000000000 \
    start "$api_dll" 5091 /health/ready; api_pid=$started
  GraphQL__Limits__Enabled=false GraphQL__RateLimits__Enabled=false start "$api_dll" 5093 /health/ready; off_pid=$started
else
  start "$api_dll" 5091 /health/ready; api_pid=$started
  start "$floor_dll" 5092 /floor/typename; floor_pid=$started
fi

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# scenario → prints "rps p50ms p99ms cpu_ms_per_req requests slowest_ms"
measure() { # pid hey-args...
  local pid=$1; shift
  local load=(-z "${duration}s")
  if [ -n "${BENCH_REQUESTS:-}" ]; then
    hey -n 1 -c 1 "$@" >/dev/null                       # warm-up: one request
    load=(-n "$BENCH_REQUESTS")
  else
    hey -z 2s -c "$concurrency" "$@" >/dev/null         # warm-up
  fi
  local t0; t0=$(ticks "$pid")
  local report; report=$(hey "${load[@]}" -c "$concurrency" "$@")
  local t1; t1=$(ticks "$pid")
  local rps p50 p99 n
  rps=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$report" | awk '/ 50% in/ {printf "%.2f", $3*1000}')
  p99=$(echo "$report" | awk '/ 99% in/ {printf "%.2f", $3*1000}')
  n=$(echo "$report" | awk '/\[200\]/ {print $2}')
  local bad; bad=$(echo "$report" | awk '/\[[0-9]+\]/ && !/\[200\]/ {s+=$2} END {print s+0}')
  [ "$bad" = 0 ] || { echo "non-200 responses: $report" >&2; exit 1; }
  # hey leaves out percentiles it has too few samples for; keep the columns in place.
  p50=${p50:-n/a}; p99=${p99:-n/a}
  local slowest; slowest=$(echo "$report" | awk '/Slowest:/ {printf "%.0f", $2*1000}')
  local cpu; cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v n="$n" 'BEGIN {printf "%.3f", (b-a)*1000/hz/n}')
  echo "$rps $p50 $p99 $cpu $n $slowest"
}

gql_port=5091
gql() { # scenario [variables-json] → hey args for a POST of that query to the server on $gql_port
  python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read(), "variables": json.loads(sys.argv[2])}))' \
    "$root/bench/queries/$1.graphql" "${2:-"{}"}" > "$out/$1.json"
  echo "-m POST -T application/json -A application/graphql-response+json -D $out/$1.json http://127.0.0.1:$gql_port/graphql"
}

ask() { # graphql query → the response's data, as JSON
  curl -sf http://127.0.0.1:5091/graphql -H 'content-type: application/json' -H 'accept: application/graphql-response+json' \
    --data "$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1")"
}
same_data() { # scenario api-file floor-file → succeeds when both hold the same data, else says where they part
  # Normalisation: both documents parsed and their "data" written again by Python's json module (keys kept in their
  # order, one escaping of strings), then compared as text; GraphQL.NET and the floor escape non-ASCII differently.
  python3 - "$@" <<'PY'
import json, sys
name, api, floor = sys.argv[1:]
def data(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.dumps(json.load(f)["data"], ensure_ascii=False)
    except (ValueError, KeyError, TypeError) as e:
        return f"<no data: {e}: {open(path, encoding='utf-8', errors='replace').read(300)}>"
a, b = data(api), data(floor)
if a == b:
    sys.exit(0)
i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
print(f"{name}: the floor's answer differs from the API's at character {i} of data, so its figures would mean nothing; stopping before timing (full answers: {api}, {floor})\n"
      f"  API:   ...{a[max(0, i - 120):i + 120]}...\n  floor: ...{b[max(0, i - 120):i + 120]}...", file=sys.stderr)
sys.exit(1)
PY
}
pick() { python3 -c "import json,sys; d=json.load(sys.stdin)['data']; print($1)"; }

# The records the Q scenarios ask about: the synthetic municipality's first neighbourhood (about 2,600 activities), or
# Middelland in the demo data; that neighbourhood's first activity; a phrase that occurs in about 5% of the records.
if [ "$data" = synthetic ]; then
  place=$(ask '{ municipality(cbsCode: "SY0042") { neighbourhoods(first: 1, level: NEIGHBOURHOOD) { nodes { id } } } }' | pick "d['municipality']['neighbourhoods']['nodes'][0]['id']")
  phrase="gezonde voeding"
else
  place=$(ask '{ neighbourhood(cbsCode: "BU05990325") { id } }' | pick "d['neighbourhood']['id']")
  phrase="cafe middellander"
fi
municipality=$(ask "{ municipality(cbsCode: \"$BENCH_MUNICIPALITY\") { id } }" | pick "d['municipality']['id']")
activity=$(ask "{ activities(first: 1, filterBy: { neighbourhood: \"$place\" }, orderBy: { field: STARTS_ON }) { nodes { id } } }" | pick "d['activities']['nodes'][0]['id']")
phrase_url=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$phrase")

gql_args() { # scenario → hey args for the GraphQL side
  case "$1" in
    q1) gql q1 "{\"id\": \"$activity\"}" ;;
    q2|q3) gql "$1" "{\"neighbourhood\": \"$place\"}" ;;
    q4) gql q4 "{\"text\": \"$phrase\"}" ;;
    dashboard-*) gql "$1" "{\"municipality\": \"$municipality\"}" ;;
    *) gql "$1" ;;
  esac
}
floor_url() { # scenario → the floor's URL
  case "$1" in
    q1) echo "http://127.0.0.1:5092/floor/q1?id=$activity" ;;
    q2|q3) echo "http://127.0.0.1:5092/floor/$1?neighbourhood=$place" ;;
    q4) echo "http://127.0.0.1:5092/floor/q4?text=$phrase_url" ;;
    *) echo "http://127.0.0.1:5092/floor/$1" ;;
  esac
}

if [ -n "$limits" ]; then
  # Alternate on and off per round, so a change in the machine's load falls on both sides alike.
  scenarios=${BENCH_SCENARIOS:-"q1 q2 q3"}
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  rows=()
  printf '%-8s %5s %12s %12s %10s %10s\n' scenario round on_req/s off_req/s on_cpu off_cpu
  for s in $scenarios; do
    on_sum=0; off_sum=0; on_cpu_sum=0; off_cpu_sum=0
    for r in $(seq 1 "$rounds"); do
      # shellcheck disable=SC2046
      read -r on_rps _ _ on_cpu _ _ <<<"$(gql_port=5091; measure "$api_pid" $(gql_args "$s"))"
      # shellcheck disable=SC2046
      read -r off_rps _ _ off_cpu _ _ <<<"$(gql_port=5093; measure "$off_pid" $(gql_args "$s"))"
      [ -n "$on_rps" ] && [ -n "$off_rps" ] || { echo "scenario $s failed" >&2; exit 1; }
      printf '%-8s %5s %12s %12s %10s %10s\n' "$s" "$r" "$on_rps" "$off_rps" "$on_cpu" "$off_cpu"
      on_sum=$(awk -v a="$on_sum" -v b="$on_rps" 'BEGIN {print a+b}'); off_sum=$(awk -v a="$off_sum" -v b="$off_rps" 'BEGIN {print a+b}')
      on_cpu_sum=$(awk -v a="$on_cpu_sum" -v b="$on_cpu" 'BEGIN {print a+b}'); off_cpu_sum=$(awk -v a="$off_cpu_sum" -v b="$off_cpu" 'BEGIN {print a+b}')
    done
    rows+=("$(awk -v s="$s" -v on="$on_sum" -v off="$off_sum" -v onc="$on_cpu_sum" -v offc="$off_cpu_sum" -v n="$rounds" -v e="$engine" -v d="$data" \
      'BEGIN {printf "| %s | %s | %s | %.1f | %.1f | %+.1f%% | %.3f | %.3f | %+.1f%% |", s, e, d, on/n, off/n, (on/off-1)*100, onc/n, offc/n, (onc/offc-1)*100}')")
  done
  {
    echo "# The cost of the limits"
    echo
    echo "Written by \`bench/run.sh --limits --engine $engine --data $data --duration $duration --concurrency $concurrency --rounds $rounds\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; hey and both servers on this one machine, 127.0.0.1)."
    echo "Limits on: every limit of GraphQL:Limits at its default (tokens, depth, aliases, directives, introspection, cost, timeout) and the"
    echo "per-caller rate limiter running, with the request and cost budgets raised so the one load generator is never refused (the work"
    echo "per request is the same whatever the budget). Limits off: GraphQL:Limits:Enabled=false and GraphQL:RateLimits:Enabled=false."
    echo "Page sizes (first/last 1..100) are schema validation and stay on in both. Each scenario ran $rounds rounds of ${duration} s per side,"
    echo "alternating on and off; the figures are the means. Every request answered 200."
    echo "Q scenarios ask about neighbourhood $place and activity $activity."
    echo "Load on the machine (1/5/15-minute load average): $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after — other work shared the two cores."
    echo
    echo "| scenario | engine | data | on req/s | off req/s | on vs off | on CPU ms/req | off CPU ms/req | CPU on vs off |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Queries: bench/queries/q1.graphql … q3.graphql."
  } > "$root/bench/results-limits.md"
  echo "wrote bench/results-limits.md"
  exit 0
fi

scenarios=${BENCH_SCENARIOS:-"typename nested q1 q2 q3 q4"}
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src bench/Infrastructuur.Bench || echo " plus uncommitted changes")
rows=()
printf '%-10s %-8s %10s %9s %9s %12s %9s\n' scenario side req/s p50_ms p99_ms cpu_ms/req requests
for s in $scenarios; do
  # One request first, waited for in full: a scenario whose answer carries errors (a TIMEOUT, say) must not be timed,
  # whatever its HTTP status; it also fills the dashboard cache when that is on.
  gql_args "$s" >/dev/null
  cold=$(curl -s -m 300 -o "$out/$s.api.json" -w '%{time_total}' http://127.0.0.1:5091/graphql -H 'content-type: application/json' -H 'accept: application/graphql-response+json' --data @"$out/$s.json")
  if grep -q '"errors"' "$out/$s.api.json"; then echo "$s answered with errors: $(head -c 600 "$out/$s.api.json")" >&2; exit 1; fi
  echo "$s: first request $cold s" >&2
  # The floor must give the same answer, or its figures mean nothing: compared before anything is timed. The dashboard
  # floor (DashboardFloor.cs) is the dashboards' own computations, not hand-written SQL, and writes enums as numbers: not compared.
  if [ "${BENCH_FLOOR:-1}" != 0 ] && [[ "$s" == dashboard-* ]]; then
    echo "$s: the floor's answer is not compared with the API's (dashboard floor)" >&2
  elif [ "${BENCH_FLOOR:-1}" != 0 ]; then
    curl -s -m 300 -o "$out/$s.floor.json" "$(floor_url "$s")"
    same_data "$s" "$out/$s.api.json" "$out/$s.floor.json" || exit 1
  fi
  # shellcheck disable=SC2046
  g=$(measure "$api_pid" $(gql_args "$s"))
  if [ "${BENCH_FLOOR:-1}" = 0 ]; then f="— — — — — —"; else f=$(measure "$floor_pid" "$(floor_url "$s")"); fi
  read -r grps gp50 gp99 gcpu gn _ <<<"$g"; read -r frps fp50 fp99 fcpu fn _ <<<"$f"
  ratio=$(awk -v a="$gcpu" -v b="$fcpu" 'BEGIN {if (b + 0 > 0) printf "%.2f", a/b; else printf "—"}')
  printf '%-10s %-8s %10s %9s %9s %12s %9s\n' "$s" graphql "$grps" "$gp50" "$gp99" "$gcpu" "$gn"
  printf '%-10s %-8s %10s %9s %9s %12s %9s   graphql/floor CPU %sx\n' "$s" floor "$frps" "$fp50" "$fp99" "$fcpu" "$fn" "$ratio"
  rows+=("| $s | $engine | $data | $(awk -v t="$cold" 'BEGIN {printf "%.0f", t*1000}') | $grps | $gp50 | $gp99 | $gcpu | $frps | $fcpu | ${ratio}× |")
done

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh --engine $engine --data $data --duration $duration --concurrency $concurrency\`${BENCH_REQUESTS:+ with BENCH_REQUESTS=$BENCH_REQUESTS (requests per side instead of a timed run)} at commit $commit on $(date -u +%Y-%m-%d) ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; hey and both servers on this one machine, 127.0.0.1)."
  echo "Server CPU per request = (utime+stime of the server process during the run) / requests answered; on PostgreSQL the database's own work is not in it."
  echo "The floor (bench/Infrastructuur.Bench) answers each Q and nested scenario with one hand-written SQL statement, prepared and reused, run with Npgsql or Microsoft.Data.Sqlite directly; its data was checked equal to the API's before timing. Dashboard scenarios' floor runs the dashboards' own computations and is not compared."
  echo
  echo "Data: $( [ "$data" = synthetic ] && echo "demo data plus the synthetic data set (seed 42, default size: 100,000 activities)" || echo "the demo data")."
  echo "Q scenarios ask about neighbourhood $place, activity $activity and the phrase \"$phrase\"."
  echo "Execution timeout: ${GraphQL__Limits__TimeoutSeconds:-10} s. Rate limits off for the load client. First request: the one request before the timed run, waited for in full."
  echo "Load on the machine while measuring (1/5/15-minute load average): $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| scenario | engine | data | first request ms | GraphQL req/s | p50 ms | p99 ms | CPU ms/req | floor req/s | floor CPU ms/req | GraphQL/floor CPU |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Queries: bench/queries/*.graphql."
} > "$results"
echo "wrote ${results#"$root/"}"
