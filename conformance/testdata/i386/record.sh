#!/usr/bin/env bash
# record.sh makes the committed 32-bit captures and strace's text of the
# same runs, on a machine whose kernel may refuse 32-bit executables: it
# boots Debian 12's kernel (which runs them) under qemu-system-x86_64 with
# an initramfs holding busybox, strace 6.1, setarch, this checkout's
# stracedump and the two programs built with gcc -m32, runs each program
# as TestConformance lays a run out (/tmp/work/run/PROG/a0..a3 under strace,
# one per mode, .../b0 under stracedump; stdout a pipe; env -i), and writes
#
#   decoder/testdata/i386_PROG.pcapng (forkwait, offsets, locks, timers, numa)
#   conformance/testdata/i386/PROG.strace[.ytt|.nrx|.yy].txt, PROG.*.stdout
#
# Then `go test ./decoder -run TestI386Captures -update` renews the golden
# text. Needs root (apt-get), a few minutes without KVM. Run from anywhere.
set -euo pipefail

# The programs of conformance/testdata to record, each built as PROG32: the
# committed ones, or those named as arguments.
progs=${*:-forkwait offsets locks timers numa}

repo=$(cd "$(dirname "$0")/../../.." && pwd)
here=$repo/conformance/testdata/i386
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends qemu-system-x86 busybox-static strace gcc gcc-multilib >/dev/null

cd "$work"
kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
apt-get download "$kpkg" 2>/dev/null
dpkg -x ./*.deb kernel
vmlinuz=$(ls kernel/boot/vmlinuz-*)

root=$work/root
mkdir -p "$root"/{bin,usr/bin,lib,lib32,proc,dev,tmp,sys,progs}
cp /bin/busybox "$root/bin/"
cp /usr/bin/strace /usr/bin/setarch "$root/usr/bin/"
for lib in $(ldd /usr/bin/strace /usr/bin/setarch | grep -o '/lib[^ ]*' | sort -u); do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
cp -L /usr/lib32/libc.so.6 /lib32/ld-linux.so.2 "$root/lib32/"
ln -sf /lib32/ld-linux.so.2 "$root/lib/ld-linux.so.2"
for p in $progs; do
	gcc -m32 -O2 -Wall -o "$root/progs/${p}32" "$repo/conformance/testdata/$p.c"
done
(cd "$repo" && CGO_ENABLED=0 go build -trimpath -tags urfave_cli_no_docs -o "$root/usr/bin/stracedump" .)

cat >"$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t devtmpfs dev /dev; mount -t tmpfs tmp /tmp; mount -t sysfs sys /sys
export PATH=/usr/bin:/bin
mkdir -p /tmp/work/bin && cp /progs/* /tmp/work/bin/
run() { dir=$1; shift; cd "$dir" && env -i PATH=/usr/bin:/bin HOME=/tmp setarch -R "$@"; }
for p in $(ls /progs); do
	for side in a0 a1 a2 a3 b0; do mkdir -p /tmp/work/run/$p/$side; done
	run /tmp/work/run/$p/a0 strace -f -qq -o /tmp/$p.strace.txt -- /tmp/work/bin/$p | cat >/tmp/$p.strace.stdout
	run /tmp/work/run/$p/a1 strace -f -qq -y -T -tt -o /tmp/$p.strace.ytt.txt -- /tmp/work/bin/$p | cat >/dev/null
	run /tmp/work/run/$p/a2 strace -f -qq -n -r -x -X verbose -o /tmp/$p.strace.nrx.txt -- /tmp/work/bin/$p | cat >/dev/null
	run /tmp/work/run/$p/a3 strace -f -qq -yy -o /tmp/$p.strace.yy.txt -- /tmp/work/bin/$p | cat >/dev/null
	run /tmp/work/run/$p/b0 stracedump record -f -o /tmp/$p.pcapng -- /tmp/work/bin/$p | cat >/tmp/$p.stracedump.stdout
done
for f in /tmp/*.txt /tmp/*.pcapng /tmp/*.stdout; do echo "=== FILE $(basename $f)"; base64 $f; echo "=== END"; done
poweroff -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1 >"$work/initrd.gz")

timeout 600 qemu-system-x86_64 -m 1024 -smp 1 -nographic -no-reboot -kernel "$vmlinuz" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 quiet panic=-1" >"$work/console.log" 2>&1

# The files come back base64 between markers on the serial console.
mkdir "$work/out"
tr -d '\r' <"$work/console.log" | awk -v out="$work/out" '
	/=== FILE / { file = out "/" $3 ".b64"; printf "" > file; next }
	/=== END/ { file = ""; next }
	file != "" { print > file }'
for f in "$work"/out/*.b64; do base64 -d "$f" >"${f%.b64}"; done

o=$work/out
for p in $progs; do
	cp "$o/${p}32.pcapng" "$repo/decoder/testdata/i386_$p.pcapng"
	cp "$o/${p}32".strace*.txt "$o/${p}32".*.stdout "$here/"
done
echo "record.sh: wrote the i386 captures and strace texts; now: go test ./decoder -run TestI386Captures -update"
