#!/usr/bin/env bash
# The live reliability run on its own: builds the API and the tests, runs LiveReliabilityTests (which starts the built API
# as a separate process on 127.0.0.1 over a temp SQLite file) and prints its figures table, which every run (also a plain
# `dotnet test`) writes to tests/reliability/out/last-run.md. Bounded: 20 kill rounds, 8 × 500 inserts, 20 drained
# requests, a 300-request flood; a few minutes on two cores.
#   tests/reliability/run.sh [-c Release]
# The driver is tests/Infrastructuur.Tests/Security/Reliability/.
set -euo pipefail
cd "$(dirname "$0")/../.."
report=tests/reliability/out/last-run.md
rm -f "$report"
status=0
dotnet test tests/Infrastructuur.Tests -p:SkipIde=true "$@" \
  --filter "FullyQualifiedName~Infrastructuur.Tests.Security.LiveReliabilityTests" \
  --logger "console;verbosity=normal" || status=$?
echo
if [ -s "$report" ]; then cat "$report"; else echo "no figures were written (the run did not get that far)"; fi
exit "$status"
