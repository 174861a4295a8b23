#!/usr/bin/env bash
# run.sh runs the project's Wireshark suite (tests/matrix/suite_test.go) on
# every Wireshark version the project supports, each as an unprivileged
# user with a fresh HOME, and reports one line per version.
#
#   tests/matrix/run.sh [--selfcheck] [host|trixie|sid ...]   (default: all)
#
#   host    the machine's own tshark (4.0 on Debian 12), run as nobody
#   trixie  tshark 4.4 in a Debian 13 root (tests/matrix/roots.sh)
#   sid     tshark 4.6 in a Debian sid root
#
# --selfcheck proves the matrix can fail: it runs the Lua checks on
# tests/matrix/selfcheck/ (a dissector using Lua 5.3's native & operator)
# instead of lua/, and succeeds only when the versions with Lua 5.2 fail and
# the others pass.
#
# MATRIX_STRICT=1 turns "not yet available" into failures; MATRIX_CACHE,
# MATRIX_MIRROR and MATRIX_REFRESH are roots.sh's. Must run as root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

selfcheck=0
versions=()
for a in "$@"; do
	case $a in
	--selfcheck) selfcheck=1 ;;
	host | trixie | sid) versions+=("$a") ;;
	*) die "unknown argument $a (want --selfcheck, host, trixie, sid)" ;;
	esac
done
[ ${#versions[@]} -gt 0 ] || versions=(host trixie sid)

need_root
run_start=$(date +%s.%N)
cache=$(matrix_cache)

if [ "$selfcheck" = 1 ]; then
	lua_src=$here/selfcheck
	# The checks a Lua construct can break; ptrace makes the capture that
	# lua_load dissects.
	run_filter='^TestWireshark$/^(ptrace|luac|lua_load)$'
else
	lua_src=$repo/lua
	run_filter='^TestWireshark$'
fi

# One run at a time per cache: runs share the roots' /proc mounts.
mkdir -p "$cache"
exec 8>"$cache/.run.lock"
flock 8

stage=$(mktemp -d /tmp/stracedump-matrix.XXXXXX)
chmod 755 "$stage"
mounted=()
rundirs=()
cleanup() {
	local m
	for m in "${mounted[@]}"; do
		unmount_under "$m"
	done
	for m in "${rundirs[@]}" "$stage"; do
		rm -rf --one-file-system "$m"
	done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

export PATH="$PATH:/usr/local/go/bin"
export CGO_ENABLED=0
step "build stracedump and the static suite binary"
(cd "$repo" && go build -trimpath -o "$stage/stracedump" . && go test -c -trimpath -o "$stage/suite.test" ./tests/matrix)
mkdir -p "$stage/lua" "$stage/testdata"
if [ -d "$lua_src" ]; then
	cp -R "$lua_src/." "$stage/lua/"
fi
cp "$repo/pcapng/testdata/v1.pcapng" "$repo/pcapng/testdata/v1.info.golden" "$stage/testdata/"
mkdir "$stage/testdata/import"
cp "$repo"/importer/testdata/*.strace "$stage/testdata/import/"
if [ "$selfcheck" = 0 ]; then
	# The socket payload captures, recorded here: the roots have no python3
	# or openssl.
	mkdir "$stage/testdata/payloads"
	sh "$repo/lua/testdata/payloads/record.sh" "$stage/stracedump" "$stage/testdata/payloads"
fi
chmod -R a+rX "$stage"
done_step

apt_install() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
		{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

roots=()
for v in "${versions[@]}"; do
	[ "$v" = host ] || roots+=("$v")
done
if [[ " ${versions[*]} " == *" host "* ]]; then
	step "host prerequisites (tshark, luac of its Lua)"
	if ! command -v tshark >/dev/null; then
		echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
		apt_install tshark
	fi
	host_lua=$(tshark -v 2>/dev/null | tr -s ' \n' ' ' | sed -n 's/.*Lua \([0-9]*\.[0-9]*\).*/\1/p')
	if [ -n "$host_lua" ] && ! command -v "luac$host_lua" >/dev/null; then
		apt_install "lua$host_lua"
	fi
	done_step
fi
if [ ${#roots[@]} -gt 0 ]; then
	step "roots ${roots[*]}"
	"$here/roots.sh" "${roots[@]}"
	done_step
fi

declare -A line status
failed=0

# run_version runs the suite for one version and fills line[] and status[].
run_version() {
	local v=$1 root user group dir results rc start
	start=$(date +%s.%N)
	if [ "$v" = host ]; then
		root=/ user=nobody group=nogroup
	else
		root=$cache/$v user=$MATRIX_USER group=$MATRIX_USER
		mount_proc "$root"
		mounted+=("$root/proc")
	fi
	# A fresh directory per run holds the binaries, HOME and TMPDIR, owned
	# by the suite's user; inside a root it is the same path as seen there.
	# Run directories of a killed earlier run (the lock says none is live).
	rm -rf --one-file-system "${root%/}"/tmp/stracedump-matrix-run.*
	dir=$(mktemp -d "${root%/}/tmp/stracedump-matrix-run.XXXXXX")
	rundirs+=("$dir")
	cp -R "$stage/stracedump" "$stage/suite.test" "$stage/lua" "$stage/testdata" "$dir/"
	mkdir -p "$dir/home" "$dir/tmp"
	# By number: the root's user does not exist on the host.
	chown -R "$(chroot "$root" id -u "$user"):$(chroot "$root" id -g "$user")" "$dir/home" "$dir/tmp"
	chmod 1777 "$dir" # the suite's user writes the results file here
	local in=${dir#"${root%/}"}
	results=$dir/results.tsv

	step "suite on $v"
	set +e
	timeout 900 chroot --userspec="$user:$group" "$root" /usr/bin/env -i \
		PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME="$in/home" TMPDIR="$in/tmp" \
		MATRIX_BIN="$in/stracedump" MATRIX_LUA="$in/lua" MATRIX_TESTDATA="$in/testdata" MATRIX_RESULTS="$in/results.tsv" \
		MATRIX_STRICT="${MATRIX_STRICT:-0}" ${MATRIX_INFO_MIN:+MATRIX_INFO_MIN="$MATRIX_INFO_MIN"} \
		"$in/suite.test" -test.v -test.count=1 -test.run "$run_filter" 2>&1 | sed "s/^/[$v] /"
	rc=${PIPESTATUS[0]}
	set -e
	done_step

	line[$v]=$(report_line "$v" "$results" "$rc" "$(elapsed_since "$start")")
	status[$v]=${line[$v]%%:*}
	if [ -e "$results" ]; then
		cp "$results" "$stage/$v.results.tsv"
	fi
	rm -rf --one-file-system "$dir"
	if [ "$v" != host ]; then
		unmount_under "$root/proc"
	fi
}

# report_line prints "tshark 4.4.19 (trixie): PASS 5/5 ..." from a results file.
report_line() {
	local v=$1 results=$2 rc=$3 secs=$4
	if [ ! -s "$results" ]; then
		echo "FAIL: tshark ? ($v): the suite wrote no results (exit $rc) [${secs}s]"
		return
	fi
	awk -F'\t' -v v="$v" -v rc="$rc" -v secs="$secs" '
		$1 == "tshark" { ver = $2 }
		$1 == "lua" { lua = $2 }
		$1 == "check" {
			if ($3 == "PASS") pass++
			else if ($3 == "FAIL") { fail++; bad = bad "\n    FAIL " $2 ": " $4 }
			else { nya++; later = later (later ? ", " : "") $2 }
		}
		END {
			n = pass + fail
			res = (fail || rc != 0) ? "FAIL" : "PASS"
			printf "%s: tshark %s (%s, Lua %s): %s %d/%d", res, ver, v, lua, res, pass, n
			if (nya) printf "; not yet available: %s", later
			if (rc != 0 && !fail) printf "; suite exited %d", rc
			printf " [%ss]%s\n", secs, bad
		}' "$results"
}

for v in "${versions[@]}"; do
	run_version "$v"
done

echo
echo "== Wireshark matrix report$([ "$selfcheck" = 1 ] && echo " (self-check: lua from tests/matrix/selfcheck)")"
for v in "${versions[@]}"; do
	echo "${line[$v]#*: }"
	[ "${status[$v]}" = PASS ] || failed=1
done
echo "total: $(elapsed_since "$run_start")s"

if [ "$selfcheck" = 0 ]; then
	exit "$failed"
fi

# The self-check passes when exactly the Lua 5.2 versions fail, and fail in
# both Lua checks: the construct must be caught by the parser and by tshark.
ok=1
for v in "${versions[@]}"; do
	lua=$(awk -F'\t' '$1 == "lua" { print $2 }' "$stage/$v.results.tsv" 2>/dev/null || true)
	luac=$(awk -F'\t' '$1 == "check" && $2 == "luac" { print $3 }' "$stage/$v.results.tsv" 2>/dev/null || true)
	load=$(awk -F'\t' '$1 == "check" && $2 == "lua_load" { print $3 }' "$stage/$v.results.tsv" 2>/dev/null || true)
	if [ "$lua" = 5.2 ]; then
		want=FAIL
	else
		want=PASS
	fi
	if [ "${status[$v]}" = "$want" ] && [ "$luac" = "$want" ] && [ "$load" = "$want" ]; then
		echo "selfcheck: $v (Lua $lua): $want as expected"
	else
		echo "selfcheck: $v (Lua $lua): expected $want in luac and lua_load, got ${status[$v]} (luac $luac, lua_load $load)"
		ok=0
	fi
done
if [ "$ok" = 1 ]; then
	echo "selfcheck: OK, the matrix tells the versions apart"
	exit 0
fi
echo "selfcheck: FAILED"
exit 1
