#!/usr/bin/env bash
# Installs every Debian 12 (bookworm) package Pipescope needs to build, test, package and run.
# Idempotent and non-interactive; downloads nothing but Debian packages. Run as root or with sudo.
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
)

# Already complete: do not touch the network (CI and offline machines).
missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "setup-deps: all ${#packages[@]} packages are installed"
    exit 0
fi
echo "setup-deps: installing ${missing[*]}"

as_root=()
if ((EUID != 0)); then
    if command -v sudo >/dev/null; then
        as_root=(sudo)
    else
        echo "setup-deps: run as root, or install sudo, to install: ${missing[*]}" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
