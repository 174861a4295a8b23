# Shared helpers of the Wireshark version matrix scripts (sourced, not run).

# The unprivileged user the suite runs as inside each root. Its uid is
# fixed so files copied in from the host can be handed to it by number.
MATRIX_USER=matrix
MATRIX_UID=2742
# Written last into a complete root: its content is the recipe the root was
# built from, so a root without it (or with another recipe) is rebuilt.
READY_MARK=.stracedump-matrix-ready

die() {
	echo "matrix: $*" >&2
	exit 1
}

need_root() {
	[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mounts need it); the suite itself runs unprivileged"
}

matrix_cache() {
	echo "${MATRIX_CACHE:-/var/cache/stracedump-matrix}"
}

# step/done_step print how long each step took.
step() {
	_step_name=$*
	_step_start=$(date +%s.%N)
	echo "== $_step_name"
}

done_step() {
	echo "== $_step_name: done in $(elapsed_since "$_step_start")s"
}

elapsed_since() {
	# awk, not bc: a fresh CI machine may lack bc.
	awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

# apt_mirror prints the Debian archive URI of this machine's apt sources
# (one-line .list or deb822 .sources), skipping the security archive.
apt_mirror() {
	local f uri
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		case $f in
		*.sources) uri=$(awk 'tolower($1)=="uris:" { for (i = 2; i <= NF; i++) print $i }' "$f") ;;
		*) uri=$(awk '$1=="deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' "$f") ;;
		esac
		uri=$(printf '%s\n' "$uri" | grep -E '/debian/?$' | head -n 1 || true)
		if [ -n "$uri" ]; then
			echo "${uri%/}"
			return 0
		fi
	done
	return 1
}

# mounts_under prints the mount points at or below $1, deepest first.
mounts_under() {
	local dir
	dir=$(readlink -f "$1" 2>/dev/null) || return 0
	awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
		awk '{ print length($0), $0 }' | sort -rn | cut -d' ' -f2-
}

unmount_under() {
	local m
	for m in $(mounts_under "$1"); do
		umount "$m" 2>/dev/null || umount -l "$m" || echo "matrix: cannot unmount $m" >&2
	done
}

mount_proc() {
	mkdir -p "$1/proc"
	mountpoint -q "$1/proc" || mount -t proc proc "$1/proc"
}

# remove_root deletes a root directory, never following a mount out of it.
remove_root() {
	[ -e "$1" ] || return 0
	unmount_under "$1"
	[ -z "$(mounts_under "$1")" ] || die "$1 still has mounts; not deleting it"
	rm -rf --one-file-system "$1"
}
