# Shared by ./scripts/run and ./scripts/test (sourced, not run): find Python 3.11+, create
# .venv if missing, and (re)install Followup into it only when pyproject.toml changed.

cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Followup needs Python 3.11 or newer: install it (or set PYTHON=/path/to/python3.11)." >&2
    return 1
}

ensure_venv() {
    if [ ! -x .venv/bin/python ]; then
        local python
        python=$(find_python)
        echo "Creating the virtual environment in .venv with $python…"
        if ! "$python" -m venv .venv; then
            echo "Could not create .venv. On Debian/Ubuntu: apt-get install python3-venv" >&2
            return 1
        fi
        .venv/bin/python -m pip install -q --upgrade pip
    fi
}

# ensure_installed [EXTRA]: pip install -e ".[EXTRA]" unless the same pyproject.toml was
# already installed with that extra (or with the test extra, which includes everything).
ensure_installed() {
    local extra=${1:-} spec=. digest stamp
    [ -n "$extra" ] && spec=".[$extra]"
    digest=$(.venv/bin/python -c 'import hashlib, sys; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')
    stamp=.venv/.followup-installed${extra:+-$extra}
    if [ "$(cat "$stamp" 2>/dev/null)" = "$digest" ] || [ "$(cat .venv/.followup-installed-test 2>/dev/null)" = "$digest" ]; then
        return 0
    fi
    echo "Installing Followup and its dependencies ($spec)…"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
    echo "$digest" >"$stamp"
}
