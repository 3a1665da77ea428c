# Sourced by bench/run.sh: a throwaway PostgreSQL 15 cluster on 127.0.0.1 for one benchmark run.
# initdb refuses root, so as root the cluster runs as the postgres user. Sets Database__* and pg_stop.
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_dir=$(mktemp -d /tmp/infra-bench-pg-XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB" start >/dev/null
pg_stop="${as_pg[*]} $pg_bin/pg_ctl -D $pg_dir/data -m fast stop >/dev/null; rm -rf $pg_dir"
export Database__Provider=Postgres
export Database__PostgresConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=100"
