#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Proves that packaging/debian-packages.txt is complete for a build, on any machine: a package installed by
# hand once would let the build pass here and fail on a fresh Debian 12.
#
# Usage: check-deb-closure.sh LIST BUILD_DIR                  check; exit 0 complete, 1 missing, 2 usage
#        check-deb-closure.sh --expect-missing PKG LIST BUILD_DIR
#             proves the check itself: LIST without PKG must fail and name PKG (exit 0 when it does)
#        check-deb-closure.sh --owners BUILD_DIR               prints the packages the build's files belong to
#
# The files the build used: the CMake package configs in CMakeCache.txt, every system header in the compiler's
# dependency records (ninja -t deps), every shared library the built executables link (ldd), and every library
# and plugin the workbench loads at run time (a probe run under LD_DEBUG, which sees dlopen()ed Qt plugins no
# linker sees). Each file's owner (dpkg -S) must lie in the closure of LIST: Depends and Pre-Depends followed
# recursively, Recommends not (setup installs with --no-install-recommends), plus what every Debian system has
# (Essential or Priority: required).
set -u
die() { echo "check-deb-closure: $*" >&2; exit 2; }
command -v dpkg-query >/dev/null && command -v apt-cache >/dev/null || die "needs dpkg-query and apt-cache"

expect=""
owners_only=0
case "${1:-}" in
  --expect-missing) expect=${2:-}; shift 2 || die "usage: --expect-missing PKG LIST BUILD_DIR" ;;
  --owners) owners_only=1; shift ;;
esac
if [ "$owners_only" = 1 ]; then list=""; build=${1:-}; else list=${1:-}; build=${2:-}; fi
[ -d "$build" ] || die "usage: check-deb-closure.sh LIST BUILD_DIR (build directory '$build' not found)"
[ "$owners_only" = 1 ] || [ -f "$list" ] || die "package list '$list' not found"
build=$(cd "$build" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -n "$expect" ]; then
  grep -qxF "$expect" <(grep -vE '^\s*(#|$)' "$list" | tr -s ' \t' '\n') || die "$expect is not in $list"
  grep -vxF "$expect" "$list" >"$tmp/reduced"
  "$0" "$tmp/reduced" "$build" >"$tmp/out" 2>&1
  rc=$?
  if [ "$rc" = 1 ] && grep -q "^  $expect[[:space:]]" "$tmp/out"; then
    echo "ok: without $expect the check fails and names it ($(grep "^  $expect[[:space:]]" "$tmp/out" | head -1 | sed 's/^ *//'))"
    exit 0
  fi
  echo "the check did not catch a list without $expect (exit $rc):"
  cat "$tmp/out"
  exit 1
fi

# 1. the files the build used
used_files() {
  grep -hoE '^[A-Za-z0-9_]+_DIR:PATH=/usr/[^ ]+' "$build/CMakeCache.txt" 2>/dev/null | cut -d= -f2 |
    while read -r d; do ls "$d"/*.cmake 2>/dev/null | head -1; done
  if [ -f "$build/build.ninja" ] && command -v ninja >/dev/null; then
    (cd "$build" && ninja -t deps 2>/dev/null) | sed -n 's/^[[:space:]]*\(\/usr\/[^[:space:]]*\)$/\1/p'
  fi
  find "$build" -type f -perm -u+x ! -name '*.so*' ! -name '*.sh' 2>/dev/null | while read -r exe; do
    head -c 4 "$exe" 2>/dev/null | grep -q 'ELF' || continue
    ldd "$exe" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p'
  done
  # run time: what the workbench really loads when it opens, ranks and renders the sample offscreen
  local app="$build/app/placement-workbench"
  if [ -x "$app" ]; then
    mkdir -p -m 700 "$tmp/probe"
    (cd "$tmp/probe" && LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/probe/ld" QT_QPA_PLATFORM=offscreen \
      HOME="$tmp/probe" XDG_RUNTIME_DIR="$tmp/probe" PLACEMENT_WORKBENCH_DATA_DIR="$tmp/probe" \
      timeout 120 "$app" --screenshot "$tmp/probe/shot.png" >/dev/null 2>&1) ||
      echo "check-deb-closure: the run-time probe of $app failed; run-time libraries are not checked" >&2
    cat "$tmp/probe"/ld.* 2>/dev/null | sed -n 's/.*calling init: \(\/[^ ]*\).*/\1/p'
  fi
}
used_files | sort -u >"$tmp/files"
[ -s "$tmp/files" ] || die "no system files found in $build: build it first"

# 2. their owners (dpkg -S prints "pkg[:arch][, pkg2]: /path"); paths through symlinks are resolved once
owners_of() {
  xargs -d '\n' dpkg-query -S 2>/dev/null |
    awk -F': ' '{ n = split($1, p, ", "); for (i = 1; i <= n; i++) { sub(/:.*/, "", p[i]); print p[i] "\t" $2 } }'
}
owners_of <"$tmp/files" >"$tmp/placed"
cut -f2 "$tmp/placed" | sort -u >"$tmp/placed-files"
comm -23 "$tmp/files" "$tmp/placed-files" | while read -r f; do
  r=$(readlink -f "$f")
  [ "$r" != "$f" ] && printf '%s\t%s\n' "$r" "$f"
done >"$tmp/resolved"
if [ -s "$tmp/resolved" ]; then
  cut -f1 "$tmp/resolved" | sort -u | owners_of | while IFS=$'\t' read -r pkg real; do
    printf '%s\t%s\n' "$pkg" "$(awk -F'\t' -v r="$real" '$1 == r { print $2; exit }' "$tmp/resolved")"
  done >>"$tmp/placed"
fi
sort -t "$(printf '\t')" -k1,1 -u "$tmp/placed" >"$tmp/owners" # one example file per owner
if [ "$owners_only" = 1 ]; then cut -f1 "$tmp/owners"; exit 0; fi

# 3. the closure of the list
grep -vE '^\s*(#|$)' "$list" | tr -s ' \t' '\n' | grep -v '^$' | sort -u >"$tmp/wanted"
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
  --no-enhances $(cat "$tmp/wanted") 2>/dev/null |
  sed -n -e 's/^\([^ <][^ ]*\)$/\1/p' -e 's/^ *\(Pre\)\{0,1\}Depends: \([^<][^ ]*\)$/\2/p' |
  sed 's/:.*//' >"$tmp/closure"
cat "$tmp/wanted" >>"$tmp/closure"
dpkg-query -W -f='${Package} ${Essential} ${Priority}\n' 2>/dev/null |
  awk '$2 == "yes" || $3 == "required" { print $1 }' >>"$tmp/closure"
sort -u -o "$tmp/closure" "$tmp/closure"

while IFS=$'\t' read -r pkg file; do
  grep -qxF "$pkg" "$tmp/closure" || printf '%s\t(needed for %s)\n' "$pkg" "$file"
done <"$tmp/owners" >"$tmp/missing"
if [ -s "$tmp/missing" ]; then
  echo "Packages the build used that $list does not bring in (a fresh machine lacks them):"
  sed 's/^/  /' "$tmp/missing"
  exit 1
fi
echo "complete: $(wc -l <"$tmp/owners") packages used by the build and the run, all inside the closure of $list"
