#!/usr/bin/env bash
# CTest test `package_deb`: builds the Debian package of a build tree with cpack, unpacks it into a
# temporary root with `dpkg -x` (no installation, no root needed) and checks what it holds: the
# binary runs from there and prints the version, and the desktop integration files are in place.
# Usage: package_test.sh BUILD_DIR VERSION APP_ID
set -euo pipefail

build=${1:?build dir} version=${2:?version} app_id=${3:?app id}
fail() {
    echo "package_test: $*" >&2
    exit 1
}
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps file desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/setup-deps.sh installs it)"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Its own package directory, so a concurrent `cpack` in the build tree is not disturbed.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 ||
    { cat "$tmp/cpack.log"; fail "cpack failed"; }
shopt -s nullglob
debs=("$tmp"/out/pipescope_"$version"_*.deb)
((${#debs[@]} == 1)) || { ls -l "$tmp/out"; fail "expected one pipescope_${version}_*.deb"; }
deb=${debs[0]}

# Control fields: name, version, and dependencies that dpkg-shlibdeps found (Qt at least).
control=$(dpkg-deb --field "$deb" Package Version Depends)
echo "$control"
grep -qx "Package: pipescope" <<<"$control" || fail "wrong package name"
grep -qx "Version: $version" <<<"$control" || fail "wrong package version"
grep -q "libqt6core6" <<<"$control" || fail "Depends lacks the Qt libraries (dpkg-shlibdeps did not run?)"
grep -q "qt6-qpa-plugins" <<<"$control" || fail "Depends lacks qt6-qpa-plugins"

root="$tmp/root"
dpkg -x "$deb" "$root"
for f in usr/bin/pipescope \
    "usr/share/applications/$app_id.desktop" \
    "usr/share/metainfo/$app_id.metainfo.xml" \
    "usr/share/mime/packages/$app_id.xml" \
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg"; do
    [[ -f "$root/$f" ]] || fail "$f is not in the package"
done
[[ -x "$root/usr/bin/pipescope" ]] || fail "usr/bin/pipescope is not executable"

# The unpacked binary runs without a display and from outside the build tree.
out=$(cd "$tmp" && env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/pipescope" --version) ||
    fail "usr/bin/pipescope --version exited with $?"
echo "installed binary says: $out"
[[ "$out" == "pipescope $version" ]] || fail "expected 'pipescope $version', got '$out'"

# The desktop entry and the AppStream metainfo pass the freedesktop validators.
desktop-file-validate "$root/usr/share/applications/$app_id.desktop" || fail "invalid .desktop file"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "invalid AppStream metainfo"
echo "package_test: $(basename "$deb") OK"
