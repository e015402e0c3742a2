#!/bin/sh
# The Linux packages, from the bundle that `make bundle` left in dist/coachdesk:
#   dist/coachdesk_VERSION_ARCH.deb           the app in /opt/coachdesk, `coachdesk` on the
#                                             PATH, a menu entry and icons
#   dist/coachdesk-VERSION-linux-MACHINE.tar.xz  the same folder, to unpack anywhere
# Run by `make package`. Needs dpkg-deb (Debian and Ubuntu have it).
set -eu
cd "$(dirname "$0")/../.."

bundle=dist/coachdesk
icons=build/icons/hicolor
[ -x "$bundle/coachdesk-cli" ] || { echo "package.sh: no bundle in $bundle (make bundle)" >&2; exit 1; }
[ -d "$icons" ] || { echo "package.sh: no icons in $icons (make bundle)" >&2; exit 1; }

# The version the frozen program reports is the one it was built with.
version=$("$bundle/coachdesk-cli" --version | sed -n 's/^coachdesk //p')
[ -n "$version" ] || { echo "package.sh: the bundle did not report its version" >&2; exit 1; }
arch=$(dpkg --print-architecture)
machine=$(uname -m)
maintainer=${COACHDESK_MAINTAINER:-coachdesk maintainers <maintainers@coachdesk.invalid>}

# ------------------------------------------------------------------ the .deb
root=build/deb/coachdesk
rm -rf build/deb
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications"
cp -a "$bundle" "$root/opt/coachdesk"
# Relative, so the link also works in a tree unpacked anywhere (dpkg -x).
ln -s ../../opt/coachdesk/coachdesk "$root/usr/bin/coachdesk"
cp resources/linux/coachdesk.desktop "$root/usr/share/applications/coachdesk.desktop"
for size in "$icons"/*; do
  mkdir -p "$root/usr/share/icons/hicolor/${size##*/}/apps"
  cp "$size"/apps/coachdesk.* "$root/usr/share/icons/hicolor/${size##*/}/apps/"
done
# Readable by everyone, writable by root only, whatever the build's umask was.
chmod -R u+rwX,go+rX,go-w "$root"

installed_size=$(du -sk "$root" --exclude=DEBIAN | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
  -e "s|@MAINTAINER@|$maintainer|" resources/linux/control >"$root/DEBIAN/control"
chmod 644 "$root/DEBIAN/control"

deb="dist/coachdesk_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null

# ------------------------------------------------------------------ the .tar.xz
tarball="dist/coachdesk-${version}-linux-${machine}.tar.xz"
# xz on every core unless told otherwise (XZ_OPT).
XZ_OPT=${XZ_OPT:--T0} tar -C dist --owner=0 --group=0 --numeric-owner -cJf "$tarball" coachdesk

for made in "$deb" "$tarball"; do
  echo "$made: $(stat -c %s "$made") bytes"
done
