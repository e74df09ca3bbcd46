#!/usr/bin/env bash
# A Citus cluster on this machine for tests and measurements: a coordinator and two workers, each
# a PostgreSQL 15 with the citus library, on loopback ports (coordinator $CITUS_PORT, default
# 9700; workers the next two). Needs Citus installed first: ../shared/vendor/citus/install.sh.
#
#   scripts/citus-cluster.sh start            initdb (once) and start the three nodes, join them
#   scripts/citus-cluster.sh stop             stop them (the data stays in $CITUS_DIR)
#   scripts/citus-cluster.sh destroy          stop them and delete $CITUS_DIR
#   scripts/citus-cluster.sh status           each node, and the workers the coordinator knows
#   scripts/citus-cluster.sh createdb NAME    a database on every node with citus, workers joined
#   scripts/citus-cluster.sh dropdb NAME      drop it on every node
#
# The app's URL is then postgres://postgres@127.0.0.1:9700/NAME (`start` makes NAME=stackwise).
# Tuned for throwaway data: no fsync. 8 shards per distributed table (Citus' default is 32), as
# two workers on two cores gain nothing from more and each test database creates them all.
set -euo pipefail
PORT=${CITUS_PORT:-9700}
DIR=${CITUS_DIR:-/tmp/stackwise-citus-$PORT}
BIN=$(dirname "$(command -v /usr/lib/postgresql/15/bin/pg_ctl || command -v pg_ctl)")
PORTS=("$PORT" "$((PORT + 1))" "$((PORT + 2))")

# PostgreSQL will not run as root: as root, the nodes run as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { local port=$1 db=$2; shift 2; psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" -tA "$@"; }

need_citus() {
	if [ ! -f "$("$BIN/pg_config" --pkglibdir 2>/dev/null || pg_config --pkglibdir)/citus.so" ]; then
		echo "citus is not installed: run ../shared/vendor/citus/install.sh first" >&2
		exit 1
	fi
}

# One database on every node, with the citus extension; on the coordinator, itself and the
# workers in the metadata (the coordinator holds reference tables' copies for its local joins).
createdb_all() {
	local name=$1
	for port in "${PORTS[@]}"; do
		sql "$port" postgres -c "create database \"$name\"" 2>/dev/null ||
			[ "$(sql "$port" postgres -c "select 1 from pg_database where datname = '$name'")" = 1 ]
		sql "$port" "$name" -c "create extension if not exists citus"
	done
	sql "$PORT" "$name" -c "select citus_set_coordinator_host('127.0.0.1', $PORT)" >/dev/null
	for port in "${PORTS[@]:1}"; do
		[ "$(sql "$PORT" "$name" -c "select count(*) from pg_dist_node where nodeport = $port")" = 1 ] ||
			sql "$PORT" "$name" -c "select citus_add_node('127.0.0.1', $port)" >/dev/null
	done
}

dropdb_all() {
	local name=$1
	for port in "${PORTS[@]}"; do sql "$port" postgres -c "drop database if exists \"$name\" with (force)"; done
}

case ${1:-} in
start)
	need_citus
	mkdir -p "$DIR"
	[ "$(id -u)" = 0 ] && chown postgres "$DIR"
	for i in 0 1 2; do
		node=$DIR/node$i port=${PORTS[$i]}
		if [ ! -f "$node/PG_VERSION" ]; then
			as_pg "$BIN/initdb" -D "$node" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
			cat >>"$node/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$node'
shared_preload_libraries = 'citus'
citus.shard_count = 8
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
		fi
		if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then
			as_pg "$BIN/pg_ctl" -D "$node" -l "$node/log" -w -t 60 start >/dev/null
		fi
	done
	createdb_all stackwise
	echo "citus: coordinator 127.0.0.1:$PORT, workers ${PORTS[1]} and ${PORTS[2]} ($DIR)"
	echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/stackwise"
	;;
stop | destroy)
	for i in 2 1 0; do
		node=$DIR/node$i
		if [ -f "$node/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$node" -w -m fast stop >/dev/null; fi
	done
	[ "$1" = destroy ] && rm -rf "$DIR"
	echo "citus: stopped"
	;;
status)
	for port in "${PORTS[@]}"; do
		printf '%s: ' "$port"
		"$BIN/pg_isready" -h 127.0.0.1 -p "$port" | sed 's/^[^ ]* - //'
	done
	sql "$PORT" stackwise -c "select nodename || ':' || nodeport || ' group ' || groupid from pg_dist_node order by groupid"
	;;
createdb)
	# Test files open their databases in parallel, and two databases made at once on the same nodes
	# can collide in Citus's shared metadata ("tuple concurrently updated", then "failure on
	# connection marked as essential"): one at a time, and once more after a pause if it still fails.
	exec 9>"/tmp/stackwise-citus-$PORT.createdb.lock"
	flock 9
	# (A process of its own per attempt: inside `||` bash would ignore `set -e` in the function.)
	bash "$0" createdb-once "${2:?createdb NAME}" || { sleep 2 && bash "$0" createdb-once "$2"; }
	;;
createdb-once) createdb_all "${2:?createdb-once NAME}" ;;
dropdb) dropdb_all "${2:?dropdb NAME}" ;;
*)
	sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
	exit 1
	;;
esac
