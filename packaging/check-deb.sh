#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Makes the Debian package of a build (`cpack -G DEB`, into a temporary folder) and checks it: its control
# fields come from the project (name, version, summary, homepage, maintainer, section); Depends holds the
# packages of the linked libraries (dpkg-shlibdeps) and every run-time package `check-deb-closure.sh
# --runtime` finds, and never a -dev package; it holds exactly the files `cmake --install` installs, under /usr.
#
# Usage: check-deb.sh BUILD_DIR   exit 0 good, 1 a check failed, 2 usage or cpack failed
set -u
die() { echo "check-deb: $*" >&2; exit 2; }
build=${1:-}
[ -f "$build/CPackConfig.cmake" ] || die "usage: check-deb.sh BUILD_DIR (no CPackConfig.cmake in '$build')"
build=$(cd "$build" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cpack -G DEB -B "$tmp/out" --config "$build/CPackConfig.cmake") >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; die "cpack -G DEB failed"; }
set -- "$tmp"/out/placement-workbench_*.deb
deb=$1
[ $# = 1 ] && [ -f "$deb" ] || { cat "$tmp/cpack.log"; die "cpack made no placement-workbench_*.deb"; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
field() { dpkg-deb -f "$deb" "$1"; }
cache() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
echo "package: $(basename "$deb")"
dpkg-deb -f "$deb" | sed 's/^/  /'

# Control fields from the project.
[ "$(field Package)" = placement-workbench ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$(cache CMAKE_PROJECT_VERSION)" ] || fail "Version '$(field Version)' is not the project's"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Homepage)" = "$(cache CMAKE_PROJECT_HOMEPAGE_URL)" ] || fail "Homepage '$(field Homepage)' is not the project's"
[ "$(field Description | head -1)" = "$(cache CMAKE_PROJECT_DESCRIPTION)" ] ||
  fail "the description's first line is not the project's description"
[ "$(field Description | wc -l)" -gt 3 ] || fail "the description has no long text"
[ -n "$(field Maintainer)" ] && [ -n "$(field Section)" ] || fail "Maintainer or Section is empty"

# Depends: linked libraries' packages and the run-time ones, no development package.
depends=$(field Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//')
for pkg in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6sql6 libqt6keychain1; do
  grep -qxF "$pkg" <<<"$depends" || fail "Depends lacks $pkg, a linked library's package (dpkg-shlibdeps)"
done
"$here/check-deb-closure.sh" --runtime "$build" >"$tmp/runtime" 2>"$tmp/runtime.err" ||
  { cat "$tmp/runtime.err"; fail "the run-time probe failed"; }
[ -s "$tmp/runtime" ] || fail "the run-time probe found no package"
while IFS=$'\t' read -r pkg version file; do
  # at least the upstream version probed (cpack-runtime-deps.cmake drops epoch, revision and repack suffix)
  upstream=$(sed -E 's/^[0-9]+://; s/-[^-]*$//; s/[+~].*$//' <<<"$version")
  grep -qF "$pkg (>= $upstream)" <<<"$(field Depends)" ||
    fail "Depends lacks $pkg (>= $upstream), loaded at run time ($file)"
done <"$tmp/runtime"
# The PDF reports print CJK carrier names: the package must bring a CJK font (fonts-droid-fallback, as
# packaging/debian-packages.txt does for a source build).
grep -qE '(^|, )fonts-droid-fallback( |,|$)' <<<"$(field Depends)" ||
  fail "Depends lacks fonts-droid-fallback, the CJK font PDF reports print CJK carrier names with"
# Debian policy: the copyright file and the changelog
for f in copyright changelog.Debian.gz; do
  dpkg-deb -c "$deb" | grep -q "/usr/share/doc/placement-workbench/$f$" || fail "the package lacks /usr/share/doc/placement-workbench/$f"
done
echo "run-time packages no linker sees: $(cut -f1 "$tmp/runtime" | tr '\n' ' ')"
# The probe must see what the program is known to load that way: the SQLite driver (the run store), the
# keychain back-end qtkeychain dlopen()s, the font with ⛔ (U+26D4) that DejaVu lacks, and the CJK font a PDF
# report prints a Chinese, Japanese or Korean carrier name with.
for kind in "SQLite driver:/sqldrivers/libqsqlite[.]so$" "keychain back-end:/libsecret-1[.]so" \
            "font for ⛔:/usr/share/fonts/.*Symbola" "CJK font:/usr/share/fonts/.*DroidSansFallback"; do
  cut -f3 "$tmp/runtime" | grep -qE "${kind#*:}" || fail "the run-time probe did not find the ${kind%%:*}"
done
dev=$(grep -- '-dev$' <<<"$depends")
[ -z "$dev" ] || fail "Depends names development packages: $dev"

# The files: exactly what cmake --install installs, under /usr.
cmake --install "$build" --prefix "$tmp/root/usr" >/dev/null 2>&1 || fail "cmake --install failed"
(cd "$tmp/root" && find . -type f | sed 's/^\.//' | sort) >"$tmp/installed"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $NF }' | sed 's/^\.//' | sort >"$tmp/packaged"
if cmp -s "$tmp/installed" "$tmp/packaged"; then echo "files: the $(wc -l <"$tmp/packaged") files cmake --install installs"
else fail "the package's files differ from the installed ones:"; diff "$tmp/installed" "$tmp/packaged"; fi

[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "package good: $(basename "$deb")"
