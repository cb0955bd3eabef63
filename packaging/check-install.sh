#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs a build into a temporary prefix (`cmake --install BUILD --prefix TMP`) and checks what a desktop
# installation needs: the program runs from there and ranks the installed sample as the build does; the
# desktop entry passes desktop-file-validate and names the installed program, icon and case file type; the
# file type is valid shared-mime-info and claims *.pwcase.json as a kind of JSON; every icon size is a PNG
# of its size; the AppStream metadata passes `appstreamcli validate --no-net` and names the installed entry,
# icon and type; the man page documents every command and option the program's --help lists.
#
# Usage: check-install.sh BUILD_DIR [--break WHAT]   exit 0 all good, 1 a check failed, 2 usage
#   --break desktop|metainfo|mime|manpage spoils that file after installing (the check must then fail):
#   proves the checks can fail.
set -u
die() { echo "check-install: $*" >&2; exit 2; }
build=${1:-}
[ -f "$build/CMakeCache.txt" ] || die "usage: check-install.sh BUILD_DIR [--break WHAT] (no build in '$build')"
breakage=""
[ "${2:-}" = --break ] && breakage=${3:-}
for tool in desktop-file-validate appstreamcli update-mime-database; do
  command -v $tool >/dev/null || die "$tool is missing (packages desktop-file-utils, appstream, shared-mime-info)"
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/usr
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
share=$prefix/share
name=placement-workbench
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

case "$breakage" in
  "") ;;
  desktop) sed -i '/^Type=/d' "$share/applications/$name.desktop" ;;
  metainfo) sed -i '/<name>/d' "$share"/metainfo/*.metainfo.xml ;;
  mime) sed -i 's#<glob pattern=#<glob pattren=#' "$share/mime/packages/$name.xml" ;;
  manpage) zcat "$share/man/man1/$name.1.gz" | sed '/^\.SS rank$/,/^\.SS gaps$/{/^\.SS gaps$/!d}' | gzip -n \
             >"$tmp/m" && mv "$tmp/m" "$share/man/man1/$name.1.gz" ;;
  *) die "unknown --break '$breakage'" ;;
esac

# The program: it runs from the prefix, states the project's version, and ranks the installed sample exactly
# as the program of the build ranks the sample of the sources.
exe=$prefix/bin/$name
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
if [ -x "$exe" ] && [ "$("$exe" --version)" = "$name $version" ]; then ok "bin/$name --version: $name $version"
else fail "bin/$name is missing or does not print '$name $version' for --version"; fi
sample=$share/$name/samples/brooklyn-household.json
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
if [ -f "$sample" ] && "$exe" rank "$sample" --now 2026-11-20T15:04:00Z --format csv >"$tmp/rank-installed" 2>/dev/null &&
   "$build/app/$name" rank "$src/resources/samples/brooklyn-household.json" --now 2026-11-20T15:04:00Z \
     --format csv >"$tmp/rank-built" 2>/dev/null && [ -s "$tmp/rank-built" ] &&
   cmp -s "$tmp/rank-installed" "$tmp/rank-built"; then
  ok "rank on the installed sample: $(($(wc -l <"$tmp/rank-installed") - 1)) packages, as the build ranks them"
else fail "rank on the installed sample ($sample) fails or differs from the build's ranking"; fi

# The case file type.
mime_xml=$share/mime/packages/$name.xml
type=application/x-placement-case+json
mkdir -p "$tmp/mime/packages" && cp "$mime_xml" "$tmp/mime/packages/" 2>/dev/null
if XDG_DATA_HOME=$tmp update-mime-database "$tmp/mime" >"$tmp/mime.log" 2>&1 && [ ! -s "$tmp/mime.log" ] &&
   grep -qxF "50:$type:*.pwcase.json" "$tmp/mime/globs2" &&
   grep -qxF "$type application/json" "$tmp/mime/subclasses"; then
  ok "mime/packages/$name.xml: $type is *.pwcase.json, a kind of application/json"
else fail "mime/packages/$name.xml does not define $type as *.pwcase.json under application/json: $(cat "$tmp/mime.log")"; fi

# The icons: the SVG source and a PNG of each standard size, each really of its size.
icons=$share/icons/hicolor
[ -s "$icons/scalable/apps/$name.svg" ] && ok "icons: scalable SVG" || fail "icons: scalable/apps/$name.svg missing"
png_size() { # width x height from the PNG header, empty when the file is no PNG
  [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || return 0
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
for size in 16 22 24 32 48 64 128 256 512; do
  f=$icons/${size}x${size}/apps/$name.png
  got=$([ -f "$f" ] && png_size "$f")
  [ "$got" = "${size}x${size}" ] || fail "icons: ${size}x${size}/apps/$name.png is ${got:-missing}, not a ${size}x${size} PNG"
done
ok "icons: PNGs checked at 16 22 24 32 48 64 128 256 512"

# The desktop entry: valid, and every name in it is installed.
desktop=$share/applications/$name.desktop
key() { sed -n "s/^$1=//p" "$desktop" | head -1; }
if out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ]; then ok "desktop-file-validate applications/$name.desktop"
else fail "desktop-file-validate applications/$name.desktop: ${out:-no such file}"; fi
[ -f "$desktop" ] && {
  exec_name=$(key Exec | cut -d' ' -f1)
  [ -x "$prefix/bin/$exec_name" ] || fail "desktop entry: Exec names '$exec_name', not an installed program"
  [ "$(key Icon)" = "$name" ] || fail "desktop entry: Icon is '$(key Icon)', not the installed icon $name"
  [ "$(key MimeType)" = "$type;" ] || fail "desktop entry: MimeType is '$(key MimeType)', not '$type;'"
  key Exec | grep -qE ' %[fFuU]$' || fail "desktop entry: Exec '$(key Exec)' does not take the file opened"
}

# The AppStream metadata: valid offline, and it names the installed entry, icon, program and type.
set -- "$share"/metainfo/*.metainfo.xml
metainfo=$1
if [ $# = 1 ] && [ -f "$metainfo" ] && out=$(appstreamcli validate --no-net "$metainfo" 2>&1); then
  ok "appstreamcli validate --no-net metainfo/$(basename "$metainfo")"
else fail "appstreamcli validate --no-net metainfo/*.metainfo.xml: $(printf '%s' "${out:-no single file}" | head -5)"; fi
for want in "<launchable type=\"desktop-id\">$name.desktop</launchable>" "<icon type=\"stock\">$name</icon>" \
            "<binary>$name</binary>" "<mediatype>$type</mediatype>" "<release version=\"$version\""; do
  grep -qF "$want" "$metainfo" 2>/dev/null || fail "metainfo does not state $want"
done
id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "$metainfo" 2>/dev/null)
[ "$(basename "$metainfo")" = "$id.metainfo.xml" ] || fail "metainfo file $(basename "$metainfo") is not named after its id '$id'"
grep -q '<image>https://[^<]*</image>' "$metainfo" 2>/dev/null || fail "metainfo has no screenshot image URL"

# The man page: every command and every option the program's help lists is in it.
man=$share/man/man1/$name.1.gz
if zcat "$man" >"$tmp/man" 2>/dev/null && grep -q "^\.TH PLACEMENT\\\\-WORKBENCH 1 .*\"$name $version\"" "$tmp/man"; then
  missing=""
  commands=$("$exe" --help | awk '/^Commands:$/ { c = 1; next } /^[A-Z].*:$/ { c = 0 } c && /^  [a-z]/ { print $1 }')
  [ -n "$commands" ] || fail "$name --help lists no commands"
  for c in $commands; do
    grep -qxF ".SS $c" "$tmp/man" || { missing="$missing command '$c';"; continue; }
    # the option terms of the command's help, in the page's spelling (- as \-)
    "$exe" "$c" --help | sed -n 's/^  \(-[^ ].*[^ ]\)  \+.*/\1/p; s/^  \(-[^ ]*\)$/\1/p' | while read -r term; do
      grep -qF "\\fB${term//-/\\-}\\fR" "$tmp/man" || echo "$c $term"
    done >"$tmp/man-missing"
    [ -s "$tmp/man-missing" ] && missing="$missing $(tr '\n' ';' <"$tmp/man-missing")"
  done
  [ -z "$missing" ] && ok "man1/$name.1.gz: all $(echo $commands | wc -w) commands and their options" ||
    fail "man1/$name.1.gz lacks:$missing"
  if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z "$tmp/man" 2>&1)
    [ -z "$warnings" ] && ok "groff formats the man page without warnings" || fail "groff: $warnings"
  fi
else fail "man1/$name.1.gz is missing or lacks its .TH line for version $version"; fi

[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "install tree complete: $(find "$prefix" -type f | wc -l) files"
