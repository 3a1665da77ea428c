#!/usr/bin/env bash
# The baseline import at volume (issue 16): generates a template file of N rows (default 100,000) for Nissewaard's demo
# neighbourhoods, then imports it into fresh SQLite databases with the Release build, alternating the two readers —
# CSV (CsvHelper) and XLSX (MiniExcel; the same rows, written by `export baseline`) — for --rounds rounds, plus a
# re-import of the CSV into the database it already holds (every row unchanged). Prints wall time and peak memory
# (maximum resident set size) of each run and writes bench/results-import.md.
#   bench/import.sh [--rows 100000] [--rounds 3]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=100000
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: bench/import.sh [--rows N] [--rounds R]" >&2; exit 2 ;;
  esac
done

out=bench/out/import
mkdir -p "$out"
dotnet build src/Infrastructuur.Api -c Release -p:SkipIde=true -v q -nologo >/dev/null
dll=src/Infrastructuur.Api/bin/Release/net10.0/Infrastructuur.Api.dll
settings=(--Logging:LogLevel:Default Warning --Database:Provider Sqlite)

# Organisations (one in 200 rows, KvK numbers), themes, target groups and neighbourhoods spread over the rows; every
# fourth activity weekly, every tenth once; fees, addresses and languages on some.
awk -v n="$rows" 'BEGIN {
  OFS = ","
  split("debt-poverty,youth-resilience,healthy-families,healthy-food,concentration-problems", th, ",")
  split("children,children-4-12,young-people,families,parents,older-people,residents", tg, ",")
  split("Spijkenisse Centrum,Waterland,Groenewoud,De Akkers,Maaswijk,Schiekamp,Bernisse,Zuidland", nb, ",")
  split("monday,tuesday,wednesday,thursday,friday,saturday,sunday", wd, ",")
  print "organisation,kvk,organisation_kind,activity,description,themes,target_groups,minimum_age,maximum_age,neighbourhoods,schedule,starts_on,ends_on,weekday,start_time,end_time,street,house_number,postcode,place,capacity,cost,languages"
  for (i = 1; i <= n; i++) {
    o = int((i - 1) / 200)
    kind = (i % 4 == 0) ? "weekly" : (i % 10 == 0) ? "once" : "period"
    day = (kind == "weekly") ? wd[i % 7 + 1] : ""
    times = (kind == "period") ? "," : "09:00,10:30"
    ends = (kind == "period" && i % 3 == 0) ? "2027-12-31" : ""
    address = (i % 2 == 0) ? "Marktplein," (i % 90 + 1) ",3201 CB,Spijkenisse" : ",,,"
    cost = (i % 5 == 0) ? (i % 40) ".50" : "free"
    print "Aanbieder " o " (bench)", sprintf("%08d", 10000000 + o), "welfare", "Activiteit " i " (bench)", "\"Beschrijving van activiteit " i ", voor de nulmeting.\"", \
      "\"" th[i % 5 + 1] "; " th[(i + 2) % 5 + 1] "\"", tg[i % 7 + 1], (i % 6) * 2, (i % 6) * 2 + 60, "\"" nb[i % 8 + 1] "; " nb[(i + 3) % 8 + 1] "\"", \
      kind, "2027-0" (i % 9 + 1) "-1" (i % 9), ends, day, times, address, (i % 30 + 5), cost, "nl"
  }
}' > "$out/baseline.csv"

fresh() { # a migrated, demo-seeded database copied for each run, so every run starts from the same state
  if [ ! -f "$out/seed.db" ]; then
    dotnet "$dll" export baseline --municipality GM1930 "$out/seed.csv" "${settings[@]}" --Database:SqlitePath "$PWD/$out/seed.db" >/dev/null
    sqlite3 "$out/seed.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1 || true
  fi
  rm -f "$out/$1" "$out/$1-wal" "$out/$1-shm"
  cp "$out/seed.db" "$out/$1"
}

measure() { # label db file → "seconds maxrss_mb exit_code"
  local label=$1 db=$2 file=$3 status=0
  /usr/bin/time -f '%e %M' -o "$out/time.txt" dotnet "$dll" import baseline "$file" --municipality GM1930 "${settings[@]}" --Database:SqlitePath "$PWD/$out/$db" > "$out/$label.log" 2>&1 || status=$?
  read -r seconds kb < "$out/time.txt"
  echo "$seconds $((kb / 1024)) $status"
}

# The XLSX side: the same rows, written by export from a database that imported the CSV once.
fresh xlsx-source.db
measure warmup xlsx-source.db "$out/baseline.csv" >/dev/null
dotnet "$dll" export baseline --municipality GM1930 "$out/baseline.xlsx" "${settings[@]}" --Database:SqlitePath "$PWD/$out/xlsx-source.db" >/dev/null

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo "+changes")
load_before=$(uptime)
table="| Round | Input | Rows | Wall time (s) | Peak memory (MB) | Exit | Summary |\n| --- | --- | --- | --- | --- | --- | --- |\n"
for r in $(seq 1 "$rounds"); do
  # Alternate which reader goes first, so a drift in the machine's load does not favour one.
  if [ $((r % 2)) = 1 ]; then order="csv xlsx"; else order="xlsx csv"; fi
  for side in $order; do
    fresh "run-$side.db"
    read -r s m e <<< "$(measure "run-$r-$side" "run-$side.db" "$out/baseline.$side")"
    summary=$(grep -o 'rows; activities.*' "$out/run-$r-$side.log" | tr -d '\n' | sed 's/|/\\|/g' | cut -c1-120)
    echo "round $r $side: $s s, $m MB, exit $e"
    table+="| $r | $side, new | $rows | $s | $m | $e | $summary |\n"
  done
  read -r s m e <<< "$(measure "run-$r-again" "run-csv.db" "$out/baseline.csv")"
  summary=$(grep -o 'rows; activities.*' "$out/run-$r-again.log" | tr -d '\n' | cut -c1-120)
  echo "round $r csv again: $s s, $m MB, exit $e"
  table+="| $r | csv, again (all unchanged) | $rows | $s | $m | $e | $summary |\n"
done
load_after=$(uptime)

{
  echo "# Baseline import at volume (SQLite)"
  echo
  echo "Generated by \`bench/import.sh --rows $rows --rounds $rounds\` at commit \`$commit\` on $(date -u '+%Y-%m-%d %H:%M UTC'), Release build,"
  echo "$(nproc) cores. Each run is the real command (\`dotnet Infrastructuur.Api.dll import baseline FILE --municipality GM1930\`)"
  echo "into a fresh copy of a migrated, demo-seeded SQLite database; wall time and peak memory (maximum resident set size)"
  echo "by \`/usr/bin/time\`, so start-up, migration check, reading, checking and writing are all included. CSV is read by"
  echo "CsvHelper, XLSX by MiniExcel; the XLSX file holds the same rows (written by \`export baseline\`, with ids)."
  echo "\"again\" imports the CSV into the database that already holds it: every row unchanged, nothing written."
  echo
  echo "Load before: \`$load_before\`"
  echo
  echo "Load after: \`$load_after\`"
  echo
  echo -e "$table"
  echo "Targets: under 60 s and under 500 MB for 100,000 rows."
} > bench/results-import.md
cat bench/results-import.md
