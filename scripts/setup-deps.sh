#!/usr/bin/env bash
# Installs every Debian 12 (bookworm) package Pipescope needs to build, test, package and run, and
# the one npm package its real-viewer test loads (speedscope, pinned, into $PIPESCOPE_TOOLS_DIR,
# /opt/pipescope-tools by default). Idempotent and non-interactive; downloads nothing but Debian
# and npm packages. Run as root or with sudo.
set -euo pipefail

packages=(
    # Toolchain and build system
    build-essential cmake ninja-build pkg-config
    # Qt 6: Core/Gui/Widgets/Concurrent/PrintSupport/Test, SVG, the xcb/offscreen platform plugins
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 qt6-qpa-plugins
    # Qt Gui's CMake package looks for these; without them configure warns or fails
    libgl-dev libvulkan-dev libxkbcommon-dev
    # Charts, linear algebra, ONNX model import (ONNX's CMake targets need protobuf)
    libqcustomplot-dev libeigen3-dev libonnx-dev libprotobuf-dev protobuf-compiler
    # Text rendering: fontconfig needs at least one font, offscreen screenshots included
    fontconfig fonts-dejavu-core
    # Fuzzing (libFuzzer ships in clang's runtime), formatting
    clang libclang-rt-14-dev clang-format
    # Packaging: cpack's DEB generator uses dpkg-shlibdeps (dpkg-dev) and `file`; the package test
    # validates the desktop entry and the AppStream metainfo
    dpkg-dev file desktop-file-utils appstream
    # gzip-compressed trace exports
    zlib1g-dev
    # tst_trace_viewer: speedscope's importer in headless Chromium (speedscope itself from npm below)
    chromium
)
# Node.js and npm install speedscope. A machine whose node comes from elsewhere (e.g. NodeSource's
# nodejs, which bundles npm and conflicts with Debian's npm) keeps it.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

tools_dir=${PIPESCOPE_TOOLS_DIR:-/opt/pipescope-tools}
speedscope_version=1.25.0

as_root=()
if ((EUID != 0)); then
    if command -v sudo >/dev/null; then
        as_root=(sudo)
    fi
fi

# speedscope from npm into a fixed prefix that tests/CMakeLists.txt knows (PIPESCOPE_TOOLS_DIR).
install_speedscope() {
    local installed="$tools_dir/node_modules/speedscope/package.json"
    if [[ -f "$installed" ]] && grep -q "\"version\": \"$speedscope_version\"" "$installed"; then
        return 0
    fi
    echo "setup-deps: installing speedscope $speedscope_version from npm into $tools_dir"
    # Only the viewer test needs it: without the npm registry that test is skipped (and says so),
    # the build and every other test still run.
    if ! { "${as_root[@]}" mkdir -p "$tools_dir" &&
        "${as_root[@]}" npm install --prefix "$tools_dir" --no-audit --no-fund --no-save \
            "speedscope@$speedscope_version"; }; then
        echo "setup-deps: could not install speedscope; tst_trace_viewer will be skipped" >&2
    fi
}

# Already complete: do not touch the network (CI and offline machines).
missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "setup-deps: all ${#packages[@]} packages are installed"
    install_speedscope
    exit 0
fi
echo "setup-deps: installing ${missing[*]}"

if ((EUID != 0)) && ((${#as_root[@]} == 0)); then
    echo "setup-deps: run as root, or install sudo, to install: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
install_speedscope
