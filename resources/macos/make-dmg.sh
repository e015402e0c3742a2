#!/bin/sh
# The macOS disk image, from the app that build.spec makes on a Mac:
#   pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller build.spec
#   sh resources/macos/make-dmg.sh
# gives dist/coachdesk-VERSION-macos.dmg: coachdesk.app beside a link to /Applications,
# so installing is one drag. Needs hdiutil (part of macOS).
set -eu
cd "$(dirname "$0")/../.."

app=dist/coachdesk.app
[ -d "$app" ] || { echo "make-dmg.sh: no $app (build it with build.spec first)" >&2; exit 1; }
version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
dmg="dist/coachdesk-$version-macos.dmg"

stage=build/dmg
rm -rf "$stage"
mkdir -p "$stage"
# ditto keeps the bundle's symbolic links, permissions and signatures intact.
ditto "$app" "$stage/coachdesk.app"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "coachdesk $version" -srcfolder "$stage" -fs HFS+ -format UDZO "$dmg"
echo "$dmg"
