#!/bin/sh
# The bash completion (shim/cli/seccomp-shim.bash.in): sourced in bash, it
# completes commands, options, shipped policy names, system call names and
# group names; and it is installed where bash-completion looks.
. "$top_srcdir/tests/live/lib.sh"

command -v bash >/dev/null || skip "no bash"
script="$top_builddir/shim/completion/seccomp-shim"
[ -f "$script" ] || fail "no $script (make builds it)"

# completions WORDS...: what the completion offers for the last word.
completions() {
	SECCOMP_SHIM_CONFDIR="$top_srcdir/conf" bash -c '
		. "$1"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_seccomp_shim
		printf "%s\n" "${COMPREPLY[@]}" | sort -u' \
		complete "$script" "$top_builddir/shim/seccomp-shim" "$@"
}
words() { completions "$@" | tr '\n' ' ' | sed 's/ $//'; }

check "commands" "check compile convert" "$(words c)"
check "a command" "explain" "$(words ex)"
check "run's options" "--before-exec --help --log --policy" "$(words run --)"
check "check's options" "--strict --verbose" "$(words check --s; printf ' '; words check --v)"
check "a shipped policy after -p" "no-exec no-network" "$(words run -p no-)"
check "a shipped policy for check" "read-only-fs" "$(words check read-)"
check "system calls after explain's policy" "mkdir mkdirat" \
	"$(words explain default mkdi)"
check "explain: nothing for the arguments" "" "$(words explain default mkdir AT)"
check "groups" "@network-io" "$(words groups @netw)"
check "groups --calls lists the calls" "1" \
	"$("$top_builddir/shim/seccomp-shim" groups --calls | grep -cx mkdirat)"

# Where it goes: bash-completion's completionsdir, as pkg-config says
# (make distcheck installs under its own prefix instead).
dir=$(sed -n 's/^bashcompletiondir = //p' "$top_builddir/Makefile")
want=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null)
case $dir in
'$'*) echo "SKIP: installed under the build's own prefix ($dir)" ;;
*) if [ -n "$want" ]; then
	check "installed where bash-completion looks" "$want" "$dir"
else
	echo "SKIP: no bash-completion.pc here"
fi ;;
esac
finish
