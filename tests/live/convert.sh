#!/bin/sh
# seccomp-shim convert: a Docker/OCI profile becomes a policy that decides
# as the profile does under runc. Docker's own default profile (when the
# reference data is there; a profile of our own making of the same shape
# otherwise) runs ordinary programs as they run unconfined, and refuses
# what Docker refuses.
. "$top_srcdir/tests/live/lib.sh"

cli="$top_builddir/shim/seccomp-shim"
export SECCOMP_SHIM_LIB="$SHIM_LIB"
profile=${SHIM_DOCKER_PROFILE:-$top_srcdir/../shared/data/docker-default.json}
if [ -f "$profile" ]; then
	echo "profile: Docker's default ($profile)"
else
	profile="$top_srcdir/tests/policies/convert/docker-like.json"
	echo "profile: tests/convert/docker-like.json (no Docker profile here)"
fi

# --- the conversion ------------------------------------------------------
capture "$cli" convert -o "$TMP/docker.ini" "$profile"
check "converts" 0 "$status"
check "stdout stays empty with -o" "" "$out"
if printf '%s\n' "$err" | grep -v '^seccomp-shim: warning: ' | grep .; then
	fail "stderr holds more than warnings"
else
	pass "stderr: warnings only"
fi
if "$cli" check "$TMP/docker.ini" >/dev/null 2>"$TMP/check.err"; then
	pass "the policy is valid"
else
	fail "check: $(cat "$TMP/check.err")"
fi
if grep -qx 'default = errno:EPERM' "$TMP/docker.ini"; then
	pass "default: EPERM (defaultErrnoRet)"
else
	fail "default"
fi
if grep -qx 'architectures = native x86 x32' "$TMP/docker.ini"; then
	pass "archMap: x86_64 with x86 and x32"
else
	fail "architectures"
fi
if grep -Eq '^clone +\= allow if a0 & 0x7e020000 == 0$' "$TMP/docker.ini"; then
	pass "clone: namespaces masked (no CAP_SYS_ADMIN)"
else
	fail "clone: $(grep '^clone ' "$TMP/docker.ini")"
fi
if grep -Eq '^clone3 += errno:ENOSYS$' "$TMP/docker.ini"; then
	pass "clone3: ENOSYS"
else
	fail "clone3"
fi
if grep -q '^unshare ' "$TMP/docker.ini"; then
	fail "unshare allowed"
else
	pass "unshare: not allowed"
fi
# on stdout without -o: the same text
"$cli" convert "$profile" >"$TMP/stdout.ini" 2>/dev/null
check "stdout: the same policy" "" "$(cmp "$TMP/stdout.ini" "$TMP/docker.ini")"

# --- ordinary programs under it: the same output and status -------------
mkdir -p "$TMP/tree/sub"
printf 'b\na\nc\n' >"$TMP/tree/lines.txt"
printf 'x\n' >"$TMP/tree/sub/x.txt"
touch -d 2020-01-01 "$TMP/tree/lines.txt" "$TMP/tree/sub/x.txt" "$TMP/tree/sub"
same() {
	name=$1
	shift
	(cd "$TMP/tree" && "$@") >"$TMP/plain.out" 2>&1
	plain=$?
	(cd "$TMP/tree" && "$cli" run -p "$TMP/docker.ini" -- "$@") \
		>"$TMP/run.out" 2>&1
	ran=$?
	check "$name: the same output and status" \
		"$plain:$(cat "$TMP/plain.out")" "$ran:$(cat "$TMP/run.out")"
}
# shellcheck disable=SC2016 # sh -c's to expand
same sh sh -c 'echo "$((6 * 7))"; for i in 1 2; do echo $i; done | wc -l'
same ls ls -l --time-style=+%F .
same cat cat lines.txt sub/x.txt
same sort sort -r lines.txt
same find find . -name '*.txt'
same tar sh -c 'tar cf - lines.txt sub | tar tvf - --full-time | sort'
same gzip sh -c 'gzip -c lines.txt | gzip -dc'
if command -v python3 >/dev/null; then
	same python3 python3 -c 'import hashlib, json, os, threading
t = threading.Thread(target=print, args=("thread",)); t.start(); t.join()
print(json.dumps(sorted(os.listdir("."))), hashlib.sha256(b"x").hexdigest())'
fi
if command -v perl >/dev/null; then
	same perl perl -e 'opendir(D, "."); print join(",", sort readdir(D)), "\n"; printf("%d\n", 6 * 7)'
fi

# --- what Docker refuses ---------------------------------------------------
capture "$cli" run -p "$TMP/docker.ini" -- unshare -U true
check "unshare -U: refused" "1" "$status"
case "$err" in
*"Operation not permitted"*) pass "unshare -U: EPERM" ;;
*) fail "unshare -U: $err" ;;
esac
if command -v python3 >/dev/null; then
	vsock='import socket
try:
    socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM).close()
    print("created")
except OSError as e:
    print(e.errno)'
	capture "$cli" run -p "$TMP/docker.ini" -- python3 -c "$vsock"
	check "socket(AF_VSOCK): EPERM" "0:1" "$status:$out"
	capture "$cli" run -p "$TMP/docker.ini" -- python3 -c 'import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close(); print("inet")'
	check "socket(AF_INET): allowed" "0:inet" "$status:$out"
fi
capture "$cli" run -p "$TMP/docker.ini" -- "$PROBE" sys:mount sys:reboot
check "mount, reboot: EPERM" "0:sys:mount: EPERM
sys:reboot: EPERM" "$status:$out"

# --- includes and excludes resolved for the capabilities asked for -------
"$cli" convert --caps all -o "$TMP/all.ini" "$profile" 2>/dev/null
if grep -Eq '^unshare +\= allow$' "$TMP/all.ini"; then
	pass "--caps all: unshare allowed (CAP_SYS_ADMIN)"
else
	fail "--caps all: $(grep '^unshare' "$TMP/all.ini")"
fi
capture "$cli" run -p "$TMP/all.ini" -- unshare -U true
check "--caps all: unshare -U runs" 0 "$status"
if grep -Eq '^clone3 +\= allow$' "$TMP/all.ini"; then
	pass "--caps all: clone3 allowed (its ENOSYS entry excludes CAP_SYS_ADMIN)"
else
	fail "--caps all: $(grep '^clone3' "$TMP/all.ini")"
fi
"$cli" convert --caps none -o "$TMP/none.ini" "$profile" 2>/dev/null
if grep -q '^chroot ' "$TMP/none.ini"; then
	fail "--caps none: chroot"
else
	pass "--caps none: chroot left out (CAP_SYS_CHROOT)"
fi
"$cli" convert --kernel 4.4 -o "$TMP/old.ini" "$profile" 2>/dev/null
if grep -q '^ptrace ' "$TMP/old.ini"; then
	fail "--kernel 4.4: ptrace"
else
	pass "--kernel 4.4: ptrace left out (minKernel 4.8)"
fi
if grep -Eq '^ptrace +\= allow$' "$TMP/docker.ini"; then
	pass "this kernel: ptrace allowed (minKernel 4.8)"
else
	fail "ptrace"
fi

# --- bad input: a clear error, nothing written ----------------------------
printf '{"defaultAction": "SCMP_ACT_ERRNO",\n "syscalls": [\n  {"names": ["read"],, "action": "SCMP_ACT_ALLOW"}]}\n' \
	>"$TMP/bad.json"
capture "$cli" convert -o "$TMP/bad.ini" "$TMP/bad.json"
check "malformed JSON: its line and column" \
	"125:seccomp-shim: $TMP/bad.json:3: column 22: quoted object property name expected" \
	"$status:$err"
if [ -e "$TMP/bad.ini" ]; then
	fail "bad.ini written"
else
	pass "nothing written"
fi
printf '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_SOMETIMES"}]}]}' \
	>"$TMP/op.json"
capture "$cli" convert "$TMP/op.json"
check "unknown op" \
	"125:seccomp-shim: $TMP/op.json: syscalls[0].args[0].op: unknown op 'SCMP_CMP_SOMETIMES'" \
	"$status:$err"
capture "$cli" convert "$TMP/missing.json"
check "missing file" 125 "$status"
capture "$cli" convert --caps CAP_FLY "$profile"
check "unknown capability" "2:seccomp-shim: --caps: unknown capability 'CAP_FLY'" \
	"$status:$err"
capture "$cli" convert
check "no profile: usage" 2 "$status"

# --- warnings: said on stderr and kept in the policy ------------------------
printf '{"defaultAction": "SCMP_ACT_ERRNO", "listenerPath": "/run/x.sock", "syscalls": [{"names": ["read", "write", "exit_group", "mprotect", "munmap", "prlimit64", "getrandom", "brk", "not_a_call"], "action": "SCMP_ACT_ALLOW"}, {"names": ["getpid"], "action": "SCMP_ACT_NOTIFY"}]}' \
	>"$TMP/notify.json"
capture "$cli" convert -o "$TMP/notify.ini" "$TMP/notify.json"
check "warnings: status" 0 "$status"
for what in listenerPath not_a_call SCMP_ACT_NOTIFY; do
	if printf '%s\n' "$err" | grep -q "^seccomp-shim: warning: .*$what" &&
		grep -q "^# warning: .*$what" "$TMP/notify.ini"; then
		pass "warning: $what"
	else
		fail "no warning for $what: $err"
	fi
done
capture "$cli" run -p "$TMP/notify.ini" -- "$PROBE" getpid
check "SCMP_ACT_NOTIFY: ENOSYS, as without a listener" "0:getpid: ENOSYS" \
	"$status:$out"

# --- policies into OCI profiles ------------------------------------------
capture "$cli" convert -o "$TMP/default.json" "$top_srcdir/conf/default.ini"
check "default.ini into a profile" "0:" "$status:$out"
# (its capabilities are the runtime's to drop, outside the profile)
case "$err" in
*"seccomp-shim: warning: $top_srcdir/conf/default.ini: capability_bounding_set (here or in a file it includes) has no OCI equivalent: left out"*)
	pass "default.ini into a profile: capability_bounding_set noted" ;;
*) fail "default.ini into a profile: no note of capability_bounding_set: $err" ;;
esac
if grep -q -i 'cap_sys_admin' "$TMP/default.json"; then
	fail "default.ini into a profile: capabilities in the profile"
fi
schema="$top_srcdir/../shared/data/oci-schema"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if [ -f "$schema/config-linux.json" ] &&
	"$py" -c 'import jsonschema' 2>/dev/null; then
	validate() {
		"$py" - "$schema" "$1" <<'PY'
import json, os, sys
import jsonschema
schema_dir, profile = sys.argv[1], sys.argv[2]
store = {}
for name in ("defs.json", "defs-linux.json", "config-linux.json"):
    with open(os.path.join(schema_dir, name)) as f:
        doc = json.load(f)
    store[name] = doc
    store["file://" + os.path.join(schema_dir, name)] = doc
seccomp = store["config-linux.json"]["linux"]["properties"]["seccomp"]
resolver = jsonschema.RefResolver("file://" + os.path.join(schema_dir, "config-linux.json"),
                                  store["config-linux.json"], store=store)
with open(profile) as f:
    jsonschema.validate(json.load(f), seccomp, resolver=resolver)
print("valid")
PY
	}
	for policy in conf/default.ini conf/deny-kernel-admin.ini \
		examples/socket-unix-only.ini examples/read-only-files.ini; do
		"$cli" convert -o "$TMP/p.json" "$top_srcdir/$policy" 2>/dev/null
		capture validate "$TMP/p.json"
		check "$policy: the profile is valid under the OCI schema" \
			"0:valid" "$status:$out"
	done
	sed 's/SCMP_CMP_MASKED_EQ/SCMP_CMP_MASKED_NE/' \
		"$TMP/default.json" >"$TMP/broken.json"
	capture validate "$TMP/broken.json"
	if [ "$status" -ne 0 ]; then
		pass "an op outside the schema is caught"
	else
		fail "the schema check passed an unknown op"
	fi
else
	echo "skip: no OCI schema files or no python3-jsonschema: schema not checked"
fi
# and back: the round trip runs the same programs the same way
capture "$cli" convert -o "$TMP/back.ini" "$TMP/default.json"
check "and back into a policy" 0 "$status"
for cmd in "ls -l --time-style=+%F ." "sort -r lines.txt" \
	"sh -c 'tar cf - lines.txt | tar tf -'"; do
	(cd "$TMP/tree" && eval "$cmd") >"$TMP/plain.out" 2>&1
	(cd "$TMP/tree" && eval "\"$cli\" run -p \"$TMP/back.ini\" -- $cmd") \
		>"$TMP/run.out" 2>&1
	check "round trip: $cmd" "$(cat "$TMP/plain.out")" "$(cat "$TMP/run.out")"
done
capture "$cli" run -p "$TMP/back.ini" -- "$PROBE" sys:mount sys:unshare:0 \
	sys:clone3
check "round trip: still refused" "0:sys:mount: EPERM
sys:unshare:0: EPERM
sys:clone3: ENOSYS" "$status:$out"
# the direction can be given; strict mode has no profile
capture "$cli" convert --from ini "$top_srcdir/examples/deny-mkdir-net.ini"
check "--from ini" 0 "$status"
capture "$cli" convert --from json "$top_srcdir/examples/deny-mkdir-net.ini"
check "--from json on INI: the JSON error" 125 "$status"
capture "$cli" convert "$top_srcdir/examples/strict.ini"
case "$status:$err" in
125:*"strict mode has no OCI profile"*) pass "strict mode: refused" ;;
*) fail "strict mode: $status: $err" ;;
esac

finish
