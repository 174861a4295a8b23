#!/usr/bin/env bash
# roots.sh prepares minimal Debian roots that carry a newer Wireshark than
# the host's, for the Wireshark version matrix (tests/matrix/run.sh).
#
#   tests/matrix/roots.sh [SUITE...]      (default: trixie sid)
#
# Each root is debootstrap's minbase plus tshark and lua5.4 (for luac), with
# no recommended packages, and an unprivileged user "matrix": Wireshark 4.4
# and later silently skip Lua when tshark runs as root, so the suite must not.
#
# Roots are cached in $MATRIX_CACHE (default /var/cache/stracedump-matrix),
# outside the repository, and reused while their recipe is unchanged. A root
# is built in SUITE.partial and renamed to SUITE only once complete, so a run
# that was interrupted leaves a .partial directory that the next run detects,
# unmounts and rebuilds. A root older than MATRIX_MAX_AGE_DAYS (default 7;
# 0 keeps roots forever) is rebuilt, as is every root with MATRIX_REFRESH=1:
# sid moves, and stable gets point releases.
#
# The Debian mirror is the one this machine's apt sources use; MATRIX_MIRROR
# overrides it. Must run as root (debootstrap, chroot, mount).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie sid)

need_root
cache=$(matrix_cache)
mkdir -p "$cache"

# One builder at a time per cache: a second run waits instead of racing on
# the same directories.
exec 9>"$cache/.lock"
flock 9

if ! command -v debootstrap >/dev/null 2>&1; then
	step "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null ||
		{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap >/dev/null; }
	done_step
fi

mirror=${MATRIX_MIRROR:-$(apt_mirror)}
[ -n "$mirror" ] || die "no Debian mirror found in /etc/apt/sources.list*; set MATRIX_MIRROR"

# The packages each root gets besides minbase. Changing this list, the
# mirror or RECIPE_VERSION changes the recipe key, which rebuilds the roots.
packages="tshark lua5.4"
RECIPE_VERSION=1

build_root() {
	local suite=$1 root="$cache/$1" part="$cache/$1.partial"
	local key="recipe=$RECIPE_VERSION suite=$suite mirror=$mirror packages=$packages arch=$(dpkg --print-architecture)"

	local max_age=${MATRIX_MAX_AGE_DAYS:-7} fresh=1
	if [ "$max_age" -gt 0 ] && [ -n "$(find "$root/$READY_MARK" -mtime +"$max_age" 2>/dev/null)" ]; then
		fresh=0 # sid moves, and stable gets point releases
	fi
	if [ "${MATRIX_REFRESH:-0}" != 1 ] && [ "$fresh" = 1 ] && [ -f "$root/$READY_MARK" ] &&
		[ "$(cat "$root/$READY_MARK")" = "$key" ]; then
		echo "root $suite: cached at $root ($(chroot "$root" dpkg-query -W -f '${Version}' tshark))"
		return 0
	fi

	# Whatever is there is stale or half-built: its mounts go first, then
	# the files, never crossing into another filesystem.
	remove_root "$part"
	remove_root "$root"

	step "root $suite: debootstrap --variant=minbase from $mirror"
	mkdir -p "$part"
	local script=/usr/share/debootstrap/scripts/$suite
	[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid # debootstrap older than the suite
	if ! debootstrap --variant=minbase "$suite" "$part" "$mirror" "$script" >"$cache/$suite.debootstrap.log" 2>&1; then
		tail -n 20 "$cache/$suite.debootstrap.log" >&2
		die "debootstrap $suite failed (full log: $cache/$suite.debootstrap.log)"
	fi
	done_step

	step "root $suite: apt-get install --no-install-recommends $packages"
	mount_proc "$part"
	# tshark's postinst asks whether non-root users may capture: answer no,
	# the suite's user needs no capture privileges (extcap only).
	echo 'wireshark-common wireshark-common/install-setuid boolean false' |
		chroot "$part" debconf-set-selections
	# Check-Valid-Until off: the mirror may serve a dated snapshot of sid
	# whose Release file has "expired"; debootstrap itself never checks it.
	if ! chroot "$part" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
		sh -c "apt-get -o Acquire::Check-Valid-Until=false update && apt-get install -y --no-install-recommends $packages && apt-get clean" \
		>"$cache/$suite.apt.log" 2>&1; then
		tail -n 20 "$cache/$suite.apt.log" >&2
		die "installing $packages in $suite failed (full log: $cache/$suite.apt.log)"
	fi
	chroot "$part" useradd --uid "$MATRIX_UID" --user-group --create-home --shell /bin/sh "$MATRIX_USER"
	unmount_under "$part"
	done_step

	echo "$key" >"$part/$READY_MARK"
	mv "$part" "$root"
	echo "root $suite: ready at $root (tshark $(chroot "$root" dpkg-query -W -f '${Version}' tshark))"
}

trap 'unmount_under "$cache"' EXIT
trap 'exit 130' INT TERM HUP

for s in "${suites[@]}"; do
	build_root "$s"
done
