#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Proves that packaging/debian-packages.txt is complete for a build, on any machine: a package installed by
# hand once would let the build pass here and fail on a fresh Debian 12.
#
# Usage: check-deb-closure.sh LIST BUILD_DIR                  check; exit 0 complete, 1 missing, 2 usage
#        check-deb-closure.sh --expect-missing PKG LIST BUILD_DIR
#             proves the check itself: LIST without PKG must fail and name PKG (exit 0 when it does)
#        check-deb-closure.sh --owners BUILD_DIR               prints the packages the build's files belong to
#        check-deb-closure.sh --runtime BUILD_DIR
#             prints "PACKAGE<TAB>VERSION<TAB>FILE" for each package the program loads or opens at run time that
#             no linker sees (not the owner of a library the executable links): Qt plugins' packages, the
#             keychain back-end qtkeychain dlopen()s, the fonts the window and the PDF reports draw with,
#             CJK carrier names included). Exit 1 when such a
#             file belongs to a -dev package (a package must never depend on one), 2 when the probe fails.
#
# The files the build used: the CMake package configs in CMakeCache.txt, every system header in the compiler's
# dependency records (ninja -t deps), every shared library the built executables link (ldd), and every library
# and plugin the workbench loads at run time (a probe run under LD_DEBUG, which sees dlopen()ed Qt plugins no
# linker sees) and every font file it opens (the same run under strace, and a PDF report of a case whose
# carrier has a CJK name, which DejaVu lacks). Each file's owner (dpkg -S) must lie
# in the closure of LIST: Depends and Pre-Depends followed recursively, Recommends not (setup installs with
# --no-install-recommends), plus what every Debian system has (Essential or Priority: required).
set -u
die() { echo "check-deb-closure: $*" >&2; exit 2; }
command -v dpkg-query >/dev/null && command -v apt-cache >/dev/null || die "needs dpkg-query and apt-cache"

expect=""
owners_only=0
runtime_only=0
case "${1:-}" in
  --expect-missing) expect=${2:-}; shift 2 || die "usage: --expect-missing PKG LIST BUILD_DIR" ;;
  --owners) owners_only=1; shift ;;
  --runtime) runtime_only=1; owners_only=1; shift ;;
esac
if [ "$owners_only" = 1 ]; then list=""; build=${1:-}; else list=${1:-}; build=${2:-}; fi
[ -d "$build" ] || die "usage: check-deb-closure.sh LIST BUILD_DIR (build directory '$build' not found)"
[ "$owners_only" = 1 ] || [ -f "$list" ] || die "package list '$list' not found"
sources=$(cd "$(dirname "$0")/.." && pwd)
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
linked_files() { # every shared library the built executables link
  find "$build" -type f -perm -u+x ! -name '*.so*' ! -name '*.sh' 2>/dev/null | while read -r exe; do
    head -c 4 "$exe" 2>/dev/null | grep -q 'ELF' || continue
    ldd "$exe" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p'
  done
}
# Run time: what the workbench really loads and opens when it opens a case, ranks it and renders the window
# offscreen. The case is the bundled sample with one error put in (the ZIP code as a number), so the window
# draws its error marks (⛔, which the default font lacks); the Remote tab is shown, so the API key is read
# from the keychain (qtkeychain dlopen()s its back-end then). No session bus or display of the caller's is
# used: the probe must never reach a real keychain.
runtime_files() {
  local app="$build/app/placement-workbench" sample="$sources/resources/samples/brooklyn-household.json"
  [ -x "$app" ] || return 0
  mkdir -p -m 700 "$tmp/probe"
  sed 's/"zip_code": "\([0-9]*\)"/"zip_code": \1/' "$sample" >"$tmp/probe/case.json"
  if cmp -s "$sample" "$tmp/probe/case.json"; then
    echo "check-deb-closure: cannot put an error into $sample (no \"zip_code\": \"NNNNN\" in it)" >&2
    return 1
  fi
  local trace=()
  if command -v strace >/dev/null; then
    trace=(strace -f -qq -e trace=openat -e status=successful -o "$tmp/probe/opened")
  else
    echo "check-deb-closure: strace is missing; the fonts the window opens are not probed" >&2
  fi
  if ! (cd "$tmp/probe" && timeout 120 "${trace[@]}" env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY \
        -u WAYLAND_DISPLAY LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/probe/ld" QT_QPA_PLATFORM=offscreen \
        HOME="$tmp/probe" XDG_RUNTIME_DIR="$tmp/probe" PLACEMENT_WORKBENCH_DATA_DIR="$tmp/probe" \
        "$app" case.json --tab Remote --screenshot "$tmp/probe/shot.png" >/dev/null 2>&1); then
    echo "check-deb-closure: the run-time probe of $app failed; run-time files are not checked" >&2
    return 1
  fi
  # A PDF report prints carrier names in every script an agency meets: a proposal for the sample with a
  # Chinese carrier name opens the CJK font (without one the name prints as nothing).
  sed 's/"provider_name": "Harborview Mutual"/"provider_name": "港湾相互保险 Harborview Mutual"/' "$sample" \
    >"$tmp/probe/cjk.json"
  if cmp -s "$sample" "$tmp/probe/cjk.json"; then
    echo "check-deb-closure: cannot put a CJK carrier name into $sample (no \"Harborview Mutual\" in it)" >&2
    return 1
  fi
  [ ${#trace[@]} -gt 0 ] && trace[-1]="$tmp/probe/opened-report" # after -o: the report's own trace file
  if ! (cd "$tmp/probe" && timeout 120 "${trace[@]}" env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY \
        -u WAYLAND_DISPLAY LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/probe/ld" QT_QPA_PLATFORM=offscreen \
        HOME="$tmp/probe" XDG_RUNTIME_DIR="$tmp/probe" PLACEMENT_WORKBENCH_DATA_DIR="$tmp/probe" \
        "$app" report cjk.json --kind proposal -o "$tmp/probe/cjk.pdf" >/dev/null 2>&1); then
    echo "check-deb-closure: the PDF report probe of $app failed; run-time files are not checked" >&2
    return 1
  fi
  # The agency's library on a server: `library --server` loads the PostgreSQL driver (and libpq) no linker
  # sees. Nothing listens on port 9 of 127.0.0.1: the command must end "cannot be reached" (exit 5).
  local rc=0
  (cd "$tmp/probe" && timeout 60 env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY \
      LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/probe/ld" HOME="$tmp/probe" XDG_RUNTIME_DIR="$tmp/probe" \
      PLACEMENT_WORKBENCH_DATA_DIR="$tmp/probe" PGPASSWORD=probe \
      "$app" library --server 'postgresql://probe@127.0.0.1:9/probe?sslmode=disable' list >/dev/null 2>&1) || rc=$?
  if [ "$rc" != 5 ]; then
    echo "check-deb-closure: the library server probe of $app ended with exit $rc, not 5 (unreachable)" >&2
    return 1
  fi
  cat "$tmp/probe"/ld.* 2>/dev/null | sed -n 's/.*calling init: \(\/[^ ]*\).*/\1/p'
  [ -f "$tmp/probe/opened" ] &&
    cat "$tmp/probe"/opened* |
    sed -n 's/.*openat([^"]*"\(\/usr\/share\/fonts\/[^"]*\.\([ot]tf\|ttc\|pfb\|pcf\.gz\)\)".*/\1/p'
  return 0
}
used_files() {
  grep -hoE '^[A-Za-z0-9_]+_DIR:PATH=/usr/[^ ]+' "$build/CMakeCache.txt" 2>/dev/null | cut -d= -f2 |
    while read -r d; do ls "$d"/*.cmake 2>/dev/null | head -1; done
  if [ -f "$build/build.ninja" ] && command -v ninja >/dev/null; then
    (cd "$build" && ninja -t deps 2>/dev/null) | sed -n 's/^[[:space:]]*\(\/usr\/[^[:space:]]*\)$/\1/p'
  fi
  linked_files
  runtime_files
}

# The packages PKG... bring in: themselves, Depends and Pre-Depends followed recursively (Recommends not).
closure_of() {
  [ $# -gt 0 ] || return 0
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
    --no-enhances "$@" 2>/dev/null |
    sed -n -e 's/^\([^ <][^ ]*\)$/\1/p' -e 's/^ *\(Pre\)\{0,1\}Depends: \([^<][^ ]*\)$/\2/p' | sed 's/:.*//'
  printf '%s\n' "$@"
}

# dpkg -S prints "pkg[:arch][, pkg2]: /path"; this prints "pkg<TAB>path" for each owner
owners_of() {
  xargs -d '\n' dpkg-query -S 2>/dev/null |
    awk -F': ' '{ n = split($1, p, ", "); for (i = 1; i <= n; i++) { sub(/:.*/, "", p[i]); print p[i] "\t" $2 } }'
}

if [ "$runtime_only" = 1 ]; then
  # Paths resolved first (/lib is /usr/lib, libfoo.so.1 a link to the file the package ships).
  runtime_files >"$tmp/run" || exit 2
  [ -s "$tmp/run" ] || die "the run-time probe saw no files (is $build/app/placement-workbench built?)"
  canonical() { while read -r f; do readlink -f "$f"; done | sort -u; }
  canonical <"$tmp/run" | owners_of | sort -t "$(printf '\t')" -k1,1 -u >"$tmp/run-owners"
  app="$build/app/placement-workbench"
  # What the linked libraries' packages bring in anyway (dpkg-shlibdeps names those packages), and what
  # each run-time package brings in besides itself: only the packages nothing else brings in are printed.
  ldd "$app" | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p' | canonical | owners_of | cut -f1 | sort -u >"$tmp/linked"
  closure_of $(cat "$tmp/linked") | sort -u >"$tmp/covered"
  awk -F'\t' 'NR == FNR { covered[$1] = 1; next } !($1 in covered)' "$tmp/covered" "$tmp/run-owners" \
    >"$tmp/unlinked"
  while IFS=$'\t' read -r pkg file; do
    closure_of "$pkg" | grep -vxF "$pkg" >>"$tmp/covered"
  done <"$tmp/unlinked"
  sort -u -o "$tmp/covered" "$tmp/covered"
  rc=0
  while IFS=$'\t' read -r pkg file; do
    grep -qxF "$pkg" "$tmp/covered" && continue
    case "$pkg" in
      *-dev) echo "check-deb-closure: $file, loaded at run time, belongs to the development package $pkg" >&2
             rc=1; continue ;;
    esac
    printf '%s\t%s\t%s\n' "$pkg" "$(dpkg-query -W -f='${Version}' "$pkg")" "$file"
  done <"$tmp/unlinked"
  exit $rc
fi

used_files | sort -u >"$tmp/files"
[ -s "$tmp/files" ] || die "no system files found in $build: build it first"

# 2. their owners; paths through symlinks are resolved once
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
closure_of $(cat "$tmp/wanted") >"$tmp/closure"
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
