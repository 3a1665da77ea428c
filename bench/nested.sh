#!/usr/bin/env bash
# Times nested connections (20 parents × their first 5 activities) on PostgreSQL for two builds side by side: a base
# commit (built from `git archive` into bench/out) and the working tree, both over the same databases, sides alternated
# per round. Two databases in one throwaway cluster: the demo data alone (a small child table) and the demo data plus the
# synthetic set (100,000 activities, bench/out/synthetic.pgdump as bench/run.sh --engine postgres --data synthetic makes it).
# Scenarios: nested-places (municipality → 20 neighbourhoods → first 5 activities each) and nested-providers
# (20 organisations of a municipality → first 5 activities each). Also checks that both builds answer byte for byte alike.
#   bench/nested.sh BASE_COMMIT [--rounds 3] [--duration 10] [--concurrency 4]   → bench/results-nested.md (BENCH_RESULTS)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:?usage: bench/nested.sh BASE_COMMIT [--rounds N] [--duration S] [--concurrency C]}; shift
rounds=3; duration=10; concurrency=4
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v hey >/dev/null || { echo "hey is missing: apt-get install hey" >&2; exit 2; }
out="$root/bench/out"; dump="$out/synthetic.pgdump"
[ -f "$dump" ] || { echo "$dump is missing: run bench/run.sh --engine postgres --data synthetic once" >&2; exit 2; }
results=${BENCH_RESULTS:-"$root/bench/results-nested.md"}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

head_commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+uncommitted')"
base_commit=$(git rev-parse --short "$base")
rm -rf "$out/nested-base"; mkdir -p "$out/nested-base"
git archive "$base" | tar -x -C "$out/nested-base"
for tree in "$out/nested-base" "$root"; do
  dotnet build "$tree/src/Infrastructuur.Api" -c Release -p:SkipIde=true -v q -nologo >/dev/null
done

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; if [ -n "${pg_stop:-}" ]; then eval "$pg_stop"; fi; }
trap cleanup EXIT
source "$root/bench/pg.sh"   # sets Database__*, pg_port, pg_bin and pg_stop
"$pg_bin/pg_restore" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres --no-owner "$dump"
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "VACUUM ANALYZE" -c "CREATE DATABASE demo"
synthetic_db=$Database__PostgresConnectionString
demo_db=${synthetic_db/Database=postgres/Database=demo}

export Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production GraphQL__EnableIde=false GraphQL__RateLimits__Enabled=false
export Authentication__Schemes__Bearer__ValidIssuer=https://bench.infrastructuur.example \
  Authentication__Schemes__Bearer__ValidAudiences__0=infrastructuur-bench \
  Authentication__Schemes__Bearer__SigningKeys__0__Value="$(head -c 32 /dev/urandom | base64)"
start() { # tree port connection-string → pid in $started
  ( cd "$1/src/Infrastructuur.Api" && Database__PostgresConnectionString=$3 exec dotnet bin/Release/net10.0/Infrastructuur.Api.dll --urls "http://127.0.0.1:$2" ) >"$out/nested-$2.log" 2>&1 &
  started=$!; pids+=("$started")
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "server on port $2 did not start; see $out/nested-$2.log" >&2; exit 1
}
declare -A port pid
# Application Name tells the sides apart in PostgreSQL's log (database time below).
start "$out/nested-base" 5191 "$synthetic_db;Application Name=base"; port[base,synthetic]=5191; pid[base,synthetic]=$started
start "$root" 5192 "$synthetic_db;Application Name=head"; port[head,synthetic]=5192; pid[head,synthetic]=$started
start "$out/nested-base" 5193 "$demo_db;Application Name=base"; port[base,demo]=5193; pid[base,demo]=$started   # seeds the demo data
start "$root" 5194 "$demo_db;Application Name=head"; port[head,demo]=5194; pid[head,demo]=$started

ask() { # port query → data as JSON
  curl -sf "http://127.0.0.1:$1/graphql" -H 'content-type: application/json' \
    --data "$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$2")"
}
declare -A code
code[synthetic]=SY0042; code[demo]=GM0599
body() { # scenario data → request body file
  local f="$out/nested-$1-$2.json" vars
  if [ "$1" = nested-places ]; then vars="{\"code\": \"${code[$2]}\"}"
  else vars="{\"municipality\": $(ask "${port[head,$2]}" "{ municipality(cbsCode: \"${code[$2]}\") { id } }" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["data"]["municipality"]["id"]))')}"; fi
  python3 -c 'import json,sys; print(json.dumps({"query": open(sys.argv[1]).read(), "variables": json.loads(sys.argv[2])}))' "$root/bench/queries/$1.graphql" "$vars" >"$f"
  echo "$f"
}
post() { curl -sf "http://127.0.0.1:$1/graphql" -H 'content-type: application/json' -H 'accept: application/graphql-response+json' --data @"$2"; }

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
run() { # side data body → "rps p50ms p99ms cpu_ms_per_req"
  local p=${port[$1,$2]} t0 t1 report
  hey -z 2s -c "$concurrency" -m POST -T application/json -D "$3" "http://127.0.0.1:$p/graphql" >/dev/null
  t0=$(ticks "${pid[$1,$2]}")
  report=$(hey -z "${duration}s" -c "$concurrency" -m POST -T application/json -D "$3" "http://127.0.0.1:$p/graphql")
  t1=$(ticks "${pid[$1,$2]}")
  echo "$report" | awk -v a="$t0" -v b="$t1" -v hz="$hz" '
    /Requests\/sec/ {rps=$2} / 50% in/ {p50=$3*1000} / 99% in/ {p99=$3*1000} /\[200\]/ {n=$2} /\[[0-9]+\]/ && !/\[200\]/ {bad+=$2}
    END {if (bad > 0) {print "non-200 responses" > "/dev/stderr"; exit 1}; printf "%s %.1f %.1f %.2f\n", rps, p50, p99, (b-a)*1000/hz/n}'
}

scenarios=${BENCH_SCENARIOS:-"nested-places nested-providers"}
declare -A bodies
same="yes"
for d in demo synthetic; do
  for s in $scenarios; do
    bodies[$s,$d]=$(body "$s" "$d")
    a=$(post "${port[base,$d]}" "${bodies[$s,$d]}"); b=$(post "${port[head,$d]}" "${bodies[$s,$d]}")
    if [ "$a" != "$b" ]; then same="NO ($s, $d)"; echo "responses differ: $s $d" >&2; fi
    grep -q '"errors"' <<<"$a$b" && { echo "errors in $s $d: ${a:0:300}" >&2; exit 1; }
  done
done

rows=()
printf '%-5s %-9s %-17s %-4s %9s %8s %8s %8s\n' round data scenario side req/s p50 p99 cpu/req
for r in $(seq 1 "$rounds"); do
  # Alternate which side goes first, so a change in the machine's load falls on both alike.
  if [ $((r % 2)) = 1 ]; then sides="base head"; else sides="head base"; fi
  for d in demo synthetic; do
    for s in $scenarios; do
      for side in $sides; do
        read -r rps p50 p99 cpu <<<"$(run "$side" "$d" "${bodies[$s,$d]}")"
        printf '%-5s %-9s %-17s %-4s %9s %8s %8s %8s\n' "$r" "$d" "$s" "$side" "$rps" "$p50" "$p99" "$cpu"
        rows+=("$r|$d|$s|$side|$rps|$p50|$p99|$cpu")
      done
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# Database time per request: PostgreSQL logs every statement's duration (parse, bind and execute) with the side's
# application name while 20 requests a side run one after another; the sum over them / 20. Logging is on only here.
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -c "ALTER SYSTEM SET log_min_duration_statement = 0" \
  -c "ALTER SYSTEM SET log_line_prefix = '%a|'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 1
declare -A dbms
for d in demo synthetic; do
  for s in $scenarios; do
    for side in base head; do
      from=$(stat -c %s "$pg_dir/log")
      for _ in $(seq 1 20); do post "${port[$side,$d]}" "${bodies[$s,$d]}" >/dev/null; done
      sleep 0.5
      dbms[$s,$d,$side]=$(tail -c +"$((from + 1))" "$pg_dir/log" | awk -F'|' -v side="$side" '$1 == side && /duration: / {
        sub(/.*duration: /, ""); sum += $1} END {printf "%.1f", sum / 20}')
    done
  done
done

{
  echo "# Nested connections: base $base_commit against $head_commit (PostgreSQL)"
  echo
  echo "Written by \`bench/nested.sh $base --rounds $rounds --duration $duration --concurrency $concurrency\` on $(date -u '+%Y-%m-%d %H:%M UTC') ($(nproc) cores; hey, PostgreSQL 15 and four API servers on this one machine, 127.0.0.1)."
  echo "Base: $base_commit (built from git archive); head: $head_commit (the working tree). Both builds answer every scenario byte for byte alike: $same."
  echo "Data: demo = the demo data alone (the child table is the demo activities); synthetic = the demo data plus the synthetic set (seed 42, 100,000 activities), restored from bench/out/synthetic.pgdump. Anonymous requests (bench/queries/nested-*.graphql): nested-places, municipality ${code[synthetic]} (synthetic) or ${code[demo]} (demo) → its first 20 neighbourhoods → the first 5 activities of each; nested-providers, the first 20 organisations working in that municipality → the first 5 activities of each."
  echo "Each cell: hey -z ${duration}s -c $concurrency after a 2 s warm-up; CPU ms/req is the API server's own CPU time over the run divided by its requests. Sides alternated per round (odd rounds base first). hey leaves out a p99 it has too few samples for (0.0 below)."
  echo "DB ms/req: after the timed rounds, 20 requests a side one after another with PostgreSQL logging every statement's duration (parse, bind, execute) by the side's application name; their sum / 20."
  echo "Load average (1/5/15 min) at the start: $load_start; at the end: $load_end. The machine is shared: read the ratios, not the absolute figures."
  echo
  echo "| data | scenario | base req/s (rounds) | head req/s (rounds) | head/base (median) | base p50 ms | head p50 ms | base CPU ms/req | head CPU ms/req | base DB ms/req | head DB ms/req |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for d in demo synthetic; do
    for s in $scenarios; do
      printf '%s\n' "${rows[@]}" | python3 -c '
import sys, statistics as st
d, s = sys.argv[1], sys.argv[2]
rows = [l.strip().split("|") for l in sys.stdin if l.strip()]
def col(side, i): return [float(r[i]) for r in rows if r[1] == d and r[2] == s and r[3] == side]
b, h = col("base", 4), col("head", 4)
f = lambda xs: " / ".join(f"{x:.1f}" for x in xs)
bp, hp, bc, hc = (st.median(col(side, i)) for side, i in (("base", 5), ("head", 5), ("base", 7), ("head", 7)))
print(f"| {d} | {s} | {f(b)} | {f(h)} | {st.median(h)/st.median(b):.2f}x | {bp:.1f} | {hp:.1f} | {bc:.2f} | {hc:.2f} | {sys.argv[3]} | {sys.argv[4]} |")
' "$d" "$s" "${dbms[$s,$d,base]}" "${dbms[$s,$d,head]}"
    done
  done
  echo
  echo "Every cell (round, data, scenario, side: req/s, p50 ms, p99 ms, CPU ms/req):"
  echo
  echo '```'
  printf '%s\n' "${rows[@]}"
  echo '```'
} >"$results"
echo "wrote ${results#"$root/"}"
