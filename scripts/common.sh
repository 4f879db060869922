# Sourced by run-app.sh and run-tests.sh: installs the packages once as root, then builds as the
# checkout's owner, so `sudo bash scripts/run-*.sh` leaves no root-owned build directory behind
# and the window opens on the invoking user's display.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc)

# Re-runs the calling script as $SUDO_USER when invoked through sudo by the owner of the checkout.
# PIPESCOPE_DEPS_DONE tells the second run that the packages are already installed.
pipescope_setup() {
    local script=$1
    shift
    if [[ -z "${PIPESCOPE_DEPS_DONE:-}" ]]; then
        bash "$repo/scripts/setup-deps.sh"
        local owner
        owner=$(stat -c %U "$repo")
        if ((EUID == 0)) && [[ -n "${SUDO_USER:-}" && "$SUDO_USER" != root && "$SUDO_USER" == "$owner" ]]; then
            local keep=(PIPESCOPE_DEPS_DONE=1)
            for var in DISPLAY XAUTHORITY WAYLAND_DISPLAY XDG_RUNTIME_DIR QT_QPA_PLATFORM; do
                [[ -n "${!var:-}" ]] && keep+=("$var=${!var}")
            done
            exec sudo -u "$SUDO_USER" -H env "${keep[@]}" bash "$script" "$@"
        fi
    fi
    cd "$repo"
}
