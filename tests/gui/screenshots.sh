#!/usr/bin/env bash
# screenshots.sh renders the Wireshark views the user guide shows
# (docs/user-guide.md), with the installed plugin and profile, from a scripted
# capture, in the real Qt GUI on a virtual display.
#
#   tests/gui/screenshots.sh [host|trixie|sid ...]   (default: host sid)
#
#   host    the machine's own Wireshark (4.0 on Debian 12), run as nobody
#   trixie  Wireshark 4.4 in the matrix's Debian 13 root (tests/matrix/roots.sh)
#   sid     Wireshark 4.6 in the matrix's Debian sid root
#
# Images go to docs/images/wireshark-MAJOR.MINOR/. Each version runs as an
# unprivileged user with a fresh HOME, so what the images show is what a
# new user gets after `stracedump install`. Must run as root (chroot, the
# roots' Wireshark install, switching users). Needs Xvfb, openbox, xdotool,
# xwininfo, xwd and ImageMagick's convert, and installs what is missing.
#
# On Xvfb, menus and dialogs draw black in a grab of the whole screen; a
# grab of the window itself (xwd -id) draws them, so dialogs and the text
# windows are grabbed by window. The statistics and follow windows are
# opened with -z on the wireshark command line (the GUI runs a Lua -z like
# tshark does, and the dissector opens its window then), not by clicking
# through menus whose item positions differ in each version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../matrix/lib.sh
. "$repo/tests/matrix/lib.sh"

versions=()
for a in "$@"; do
	case $a in
	host | trixie | sid) versions+=("$a") ;;
	*) die "unknown argument $a (want host, trixie, sid)" ;;
	esac
done
[ ${#versions[@]} -gt 0 ] || versions=(host sid)
need_root
# /usr/bin/convert: ImageMagick's, not a stand-in earlier in PATH.
CONVERT=/usr/bin/convert
missing_tools=0
for t in Xvfb openbox xdotool xwininfo xwd wireshark; do
	command -v "$t" >/dev/null || missing_tools=1
done
if [ "$missing_tools" = 1 ] || [ ! -x "$CONVERT" ]; then
	step "apt-get install the display, window manager, grabbing tools and Wireshark's GUI"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		xvfb openbox xdotool x11-utils x11-apps imagemagick wireshark-qt >/tmp/stracedump-gui-tools.log 2>&1 ||
		die "apt-get install failed (log: /tmp/stracedump-gui-tools.log)"
	done_step
fi

export DISPLAY=${SCREENSHOT_DISPLAY:-:97}
W=1600 H=1000
cache=$(matrix_cache)
stage=$(mktemp -d /tmp/stracedump-shots.XXXXXX)
mounted=()
rundirs=()
pids=()
cleanup() {
	local p m
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	pkill -f "wireshark -C strace" 2>/dev/null || true
	for m in "${mounted[@]}"; do unmount_under "$m"; done
	for m in "${rundirs[@]}"; do rm -rf --one-file-system "$m"; done
	rm -rf --one-file-system "$stage"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

step "build stracedump"
(cd "$repo" && CGO_ENABLED=0 go build -trimpath -tags urfave_cli_no_docs -o "$stage/stracedump" .)
done_step

# The HTTP exchange of the payload tests, recorded here once: the roots
# have no python3.
step "record the HTTP payload capture"
mkdir "$stage/payloads"
sh "$repo/lua/testdata/payloads/record.sh" "$stage/stracedump" "$stage/payloads" >/dev/null
done_step

step "display $DISPLAY"
Xvfb "$DISPLAY" -screen 0 "${W}x${H}x24" -ac -nolisten tcp >"$stage/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
xwininfo -root >/dev/null 2>&1 || die "Xvfb did not start on $DISPLAY (log: $(cat "$stage/xvfb.log"))"
openbox >/dev/null 2>&1 &
pids+=($!)
sleep 1
done_step

# The scripted capture: a shell that reads a file, fails to open another,
# writes through a pipe and to a file, and talks to itself over a unix
# socket pair (dd on the descriptors of a here-document would not), so the
# views have failures, fds with paths and bytes to follow.
write_demo() {
	cat >"$1" <<'EOF'
#!/bin/sh
cat /etc/hostname
cat /nonexistent
ls / >/dev/null
echo "hello from the demo" | cat >"$TMPDIR/demo.txt"
cat "$TMPDIR/demo.txt"
sleep 0.1
EOF
	chmod 755 "$1"
}

# as_user runs a command as the version's unprivileged user with a fresh
# environment: HOME and TMPDIR in the version's work directory.
as_user() {
	if [ "$root" = / ]; then
		# In /, as chroot starts in the root's /: the images show the same
		# working directory on every version, not the caller's.
		(cd / && exec runuser -u "$user" -- /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
			HOME="$in/home" TMPDIR="$in/tmp" DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$in/tmp" "$@")
	else
		chroot --userspec="$user:$user" "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
			HOME="$in/home" TMPDIR="$in/tmp" DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$in/tmp" "$@"
	fi
}

# window_id prints the id of the first mapped window whose title matches
# the extended regular expression $1, waiting up to $2 seconds.
window_id() {
	local re=$1 secs=${2:-30} id
	for _ in $(seq $((secs * 5))); do
		id=$(xwininfo -root -tree | awk -v re="$re" '
			match($0, /"[^"]*"/) { t = substr($0, RSTART + 1, RLENGTH - 2); if (t ~ re && $0 ~ /\("wireshark"/) { print $1; exit } }')
		if [ -n "$id" ]; then
			echo "$id"
			return 0
		fi
		sleep 0.2
	done
	return 1
}

# start_gui starts the GUI on the strace profile with the given arguments
# and waits for a main window titled $1 (a regular expression), which it
# moves to the screen's corner at the screen's size.
main_win=
start_gui() {
	local title=$1
	shift
	as_user wireshark -C strace "$@" >>"$stage/wireshark.log" 2>&1 &
	main_win=$(window_id "$title" 60) || die "no Wireshark window titled /$title/ (log: $(tail -n 5 "$stage/wireshark.log"))"
	xdotool windowmove "$main_win" 0 0 windowsize "$main_win" "$W" "$H"
	sleep 2
}

quit_wireshark() {
	pkill -f "wireshark -C strace" 2>/dev/null || true
	for _ in $(seq 50); do pgrep -f "wireshark -C strace" >/dev/null || return 0; sleep 0.2; done
	pkill -9 -f "wireshark -C strace" 2>/dev/null || true
}

# save writes a grab (xwd on stdin) as a PNG of out/$1, in 128 colours
# without dithering: a third of the size, and text stays sharp.
save() {
	"$CONVERT" xwd:- -strip -dither None -colors 128 "PNG8:$out/$1.png"
	echo "   $out/$1.png"
}

grab_screen() { xwd -root -silent | save "$1"; }
grab_window() { xwd -id "$1" -silent | save "$2"; }

# click clicks at screen coordinates, as a user's mouse does (Qt ignores
# synthetic key events sent to a window, not those of the focused one).
click() {
	xdotool mousemove "$1" "$2" click 1
	sleep 0.5
}

# frame_of prints the number of the first record matching a display filter.
frame_of() {
	as_user tshark -C strace -r "$capture" -Y "$1" -T fields -e frame.number | head -n 1
}

shoot_version() {
	local v=$1 ver
	if [ "$v" = host ]; then
		root=/ user=nobody
		command -v wireshark >/dev/null || die "the host has no wireshark (apt-get install wireshark-qt)"
	else
		root=$cache/$v user=$MATRIX_USER
		[ -e "$root/$READY_MARK" ] || "$repo/tests/matrix/roots.sh" "$v"
		mount_proc "$root"
		mounted+=("$root/proc")
		if [ ! -x "$root/usr/bin/wireshark" ]; then
			step "root $v: apt-get install wireshark-qt"
			chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
				apt-get install -y --no-install-recommends wireshark-qt >"$cache/$v.gui.apt.log" 2>&1 ||
				die "installing wireshark-qt in $v failed (log: $cache/$v.gui.apt.log)"
			done_step
		fi
		# The display's socket, seen from inside the root.
		mkdir -p "$root/tmp/.X11-unix"
		mountpoint -q "$root/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
		mounted+=("$root/tmp/.X11-unix")
	fi
	# "TShark (Wireshark) 4.6.9 ...": the GUI is of the same package.
	ver=$(chroot "$root" tshark --version | sed -nE '1s/.* ([0-9]+\.[0-9]+)\.[0-9]+.*/\1/p')
	[ -n "$ver" ] || die "cannot tell the Wireshark version of $v"
	out=$repo/docs/images/wireshark-$ver
	mkdir -p "$out"
	step "screenshots of Wireshark $ver ($v) into $out"

	local dir
	dir=$(mktemp -d "${root%/}/tmp/stracedump-shots-run.XXXXXX")
	rundirs+=("$dir")
	in=${dir#"${root%/}"}
	cp "$stage/stracedump" "$stage/payloads/http_tcp.pcapng" "$dir/"
	write_demo "$dir/demo.sh"
	mkdir -p "$dir/home" "$dir/tmp"
	chown -R "$(chroot "$root" id -u "$user"):$(chroot "$root" id -g "$user")" "$dir"
	chmod 755 "$dir"
	as_user "$in/stracedump" install >/dev/null
	capture=$in/demo.pcapng
	as_user "$in/stracedump" record -o "$capture" -- "$in/demo.sh" >/dev/null 2>&1

	# The options dialog, from the gear next to the interface on the
	# welcome page, with every other interface hidden so that the gear is
	# the first row's.
	local hide id
	hide=$(as_user tshark -D 2>/dev/null | sed -E 's/^[0-9]+\. //; s/ .*//' | grep -vx strace | paste -sd, -)
	start_gui 'Wireshark Network Analyzer' -o "capture.devices_hide:$hide"
	sleep 4 # 4.6 applies the -o preference after showing the window
	grab_screen interface
	local gear
	gear=$(gear_position)
	click ${gear}
	id=$(window_id 'Interface Options' 20) || die "the options dialog did not open"
	sleep 1
	grab_window "$id" options
	quit_wireshark

	# A live capture in the strace profile.
	start_gui 'strace' -i strace -o "extcap.strace.command:$in/demo.sh" -k
	sleep 6
	# The end of the capture, where the demo's own calls are (the dynamic
	# loader's come first).
	xdotool windowactivate --sync "$main_win"
	click 400 300
	xdotool key ctrl+End
	sleep 1
	grab_screen live
	quit_wireshark

	# An expanded call: the failed open, its tree expanded.
	local n
	n=$(frame_of 'strace.path == "/nonexistent"')
	start_gui 'demo.pcapng' -r "$capture" -g "$n"
	xdotool windowactivate --sync "$main_win"
	# The detail pane's first row, then its last top-level row (the
	# record), expanded with its subtrees.
	click 200 565
	xdotool key End shift+Right
	sleep 1
	grab_screen call
	quit_wireshark

	# HTTP inside the calls: the request's call, its HTTP layer expanded.
	n=$(as_user tshark -C strace -r "$in/http_tcp.pcapng" -2 -Y 'http.request' -T fields -e frame.number | head -n 1)
	start_gui 'http_tcp.pcapng' -r "$in/http_tcp.pcapng" -Y 'tcp' -g "$n"
	xdotool windowactivate --sync "$main_win"
	click 200 565
	xdotool key End shift+Right
	sleep 1
	grab_screen payload
	quit_wireshark

	# The statistics and follow windows.
	local z title name
	while IFS='|' read -r z title name; do
		[ -n "$z" ] || continue
		start_gui 'demo.pcapng' -r "$capture" -z "$z"
		if id=$(window_id "$title" 20); then
			xdotool windowsize "$id" 1000 600
			sleep 1
			grab_window "$id" "$name"
		else
			echo "   no window titled /$title/ for -z $z" >&2
			missing=$((missing + 1))
		fi
		quit_wireshark
	done < <(stat_windows)

	rm -rf --one-file-system "$dir"
	done_step
}

# gear_position prints where the welcome page's first interface gear is:
# the welcome page's layout moved between versions.
gear_position() {
	case $ver in
	4.0) echo 202 261 ;;
	*) echo 73 252 ;;
	esac
}

# stat_windows prints the -z argument, window title and image name of each
# window the dissector opens: the statistics, the fd the demo's file is
# written on, and the demo's process tree.
stat_windows() {
	local pid fd parent
	# The demo's cat writing the file: the fd to follow.
	read -r pid fd < <(as_user tshark -C strace -r "$capture" -Y 'strace.syscall == "write" && strace.fd.path contains "demo.txt"' \
		-T fields -E occurrence=f -e strace.pid -e strace.fd | head -n 1)
	parent=$(as_user tshark -C strace -r "$capture" -Y 'strace.syscall == "execve"' -T fields -e strace.pid | head -n 1)
	cat <<EOF
strace,summary|strace summary$|summary
strace,processes|strace processes$|processes
strace,files|strace files$|files
strace,errors|strace errors$|errors
strace,follow,$pid,$fd|Follow fd $fd of process $pid|follow-fd
strace,follow,$parent|Follow process $parent|follow-process
EOF
}

missing=0
for v in "${versions[@]}"; do
	shoot_version "$v"
done
[ "$missing" -eq 0 ] || die "$missing windows did not open"
