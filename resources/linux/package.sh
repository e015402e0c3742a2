#!/bin/sh
# The Linux packages, from the bundle that `make bundle` left in dist/coachdesk:
#   dist/coachdesk_VERSION_ARCH.deb           the app in /usr/lib/coachdesk, `coachdesk` on
#                                             the PATH, a menu entry, icons, a manual page,
#                                             the copyright file and every licence text
#   dist/coachdesk-VERSION-linux-MACHINE.tar.xz  the same folder, to unpack anywhere
# Run by `make package`. Needs dpkg-deb, gzip and xz (Debian and Ubuntu have them), and the
# build's Python (PACKAGE_PYTHON, default .venv/bin/python) for the licence check.
#
# The same bundle gives the same packages, byte for byte: every date is SOURCE_DATE_EPOCH
# (the last commit's), files are owned by root and stored in name order, gzip stores no
# name or time, and xz compresses single-threaded (below).
set -eu
cd "$(dirname "$0")/../.."

bundle=dist/coachdesk
icons=build/icons/hicolor
python=${PACKAGE_PYTHON:-.venv/bin/python}
[ -x "$bundle/coachdesk-cli" ] || { echo "package.sh: no bundle in $bundle (make bundle)" >&2; exit 1; }
[ -d "$icons" ] || { echo "package.sh: no icons in $icons (make bundle)" >&2; exit 1; }
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH

# The version the frozen program reports is the one it was built with.
version=$("$bundle/coachdesk-cli" --version | sed -n 's/^coachdesk //p')
[ -n "$version" ] || { echo "package.sh: the bundle did not report its version" >&2; exit 1; }
arch=$(dpkg --print-architecture)
machine=$(uname -m)
maintainer=${COACHDESK_MAINTAINER:-coachdesk maintainers <packaging@coachdesk.app>}

# Nothing is shipped without its licence text.
"$python" resources/linux/check_licences.py "$bundle"

# ------------------------------------------------------------------ the .deb
# The program lives in /usr/lib/coachdesk, the place Debian gives a program's private
# files (Policy 9.1.1): the package owns only its own folders there, never /opt.
root=build/deb/coachdesk
lib=usr/lib/coachdesk
doc=usr/share/doc/coachdesk
rm -rf build/deb
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/$doc" "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"
cp -a "$bundle" "$root/$lib"
ln -s ../lib/coachdesk/coachdesk "$root/usr/bin/coachdesk"
cp resources/linux/coachdesk.desktop "$root/usr/share/applications/coachdesk.desktop"
for size in "$icons"/*; do
  mkdir -p "$root/usr/share/icons/hicolor/${size##*/}/apps"
  cp "$size"/apps/coachdesk.* "$root/usr/share/icons/hicolor/${size##*/}/apps/"
done
gzip -9n <resources/linux/coachdesk.1 >"$root/usr/share/man/man1/coachdesk.1.gz"
cp resources/linux/lintian-overrides "$root/usr/share/lintian/overrides/coachdesk"

# The copyright file (DEP-5) lists every component and licence; the texts themselves are
# the bundle's, seen from the documentation folder too.
"$python" resources/linux/debian_docs.py copyright "$bundle" "$lib" "$maintainer" >"$root/$doc/copyright"
"$python" resources/linux/debian_docs.py changelog CHANGELOG.md "$version" "$maintainer" |
  gzip -9n >"$root/$doc/changelog.gz"
ln -s ../../../lib/coachdesk/_internal/coachdesk/resources/licences "$root/$doc/licences"

# Readable by everyone, writable by root only, whatever the build's umask was; one date.
chmod -R u+rwX,go+rX,go-w "$root"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

installed_size=$(du -sk "$root" --exclude=DEBIAN | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
  -e "s|@MAINTAINER@|$maintainer|" resources/linux/control >"$root/DEBIAN/control"
chmod 644 "$root/DEBIAN/control"
touch -d "@$SOURCE_DATE_EPOCH" "$root/DEBIAN/control"

deb="dist/coachdesk_${version}_${arch}.deb"
# dpkg-deb stores members and files in name order and dates them SOURCE_DATE_EPOCH.
dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null

# ------------------------------------------------------------------ the .tar.xz
tarball="dist/coachdesk-${version}-linux-${machine}.tar.xz"
# xz -T1: the single-threaded compressor gives the same bytes on every machine, whatever
# its number of cores (with -T0 the blocks and threads follow the machine, and xz before
# 5.4 switches to single-threaded output on one core), and the smallest file.
tar -C dist --sort=name --format=gnu --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
  --numeric-owner --mode=u+rwX,go+rX,go-w -cf - coachdesk | xz -T1 -6 >"$tarball"

for made in "$deb" "$tarball"; do
  echo "$made: $(stat -c %s "$made") bytes"
done
