#!/usr/bin/env bash
# Adapted for the test suite from ../shared/tools/a11y/orca_speaks.sh: the driver beside it adds an
# error scenario (a file that is not an image), reading the status bar, and counts repetitions.
# orca_speaks.sh IMAGE1 IMAGE2 [NOT_AN_IMAGE] -- does Orca SPEAK each new description, once?
#
# Run it from an AltText checkout (it uses ./.venv/bin/alttext-app and ./.venv/bin/alttext):
#     bash ../shared/tools/a11y/orca_speaks.sh photo1.png photo2.jpg
# It starts, all private to this run: Xvfb, a D-Bus session with the AT-SPI bus (ScreenReaderEnabled
# set), openbox and Orca (its own prefs; speech is only logged, never played, nothing else of the
# user's is touched: fresh HOME, XDG_* and ALTTEXT_* folders in a temporary directory). Then
# orca_driver.py opens IMAGE1 in AltText, opens IMAGE2 with Ctrl+O, quits with Ctrl+Q, and reads
# Orca's debug log for each new description. Output (stdout):
#     description 1: 'A cat.' spoken: yes|no
#     description 2: 'A rocket.' spoken: yes|no
#     orca: N/2 new descriptions spoken
# Exit 0 only for 2/2; 1 otherwise, with a last line "orca: could not run the check: ..." when
# Orca, the window or a description did not come. Notes go to stderr.
#
# Environment:
#   ALTTEXT_APP_CMD      app command instead of ./.venv/bin/alttext-app (split like a shell would;
#                        the image path is appended), e.g. to check a patched copy
#   ORCA_BAR_KEEP=DIR    copy the logs (orca-debug.txt, app.log, driver.log, ...) to DIR
#   ORCA_BAR_TIMEOUT     seconds for the whole check, at most 150 (default 140); installing missing
#                        packages (first run only) comes before and is not counted
#   ORCA_BAR_SPEAK_WAIT  seconds to give Orca to speak each description (default 8)
# Needs: orca openbox xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 xdotool; installs
# the missing ones with apt-get when it can (root or password-less sudo).
set -u

HERE=$(dirname "$(readlink -f "$0")")
DRIVER="$HERE/orca_driver.py"
START=$SECONDS
LIMIT=${ORCA_BAR_TIMEOUT:-140}
[[ $LIMIT =~ ^[0-9]+$ ]] && ((LIMIT <= 150)) || LIMIT=150

say() { printf 'orca_speaks: %s\n' "$*" >&2; }
die() { printf 'orca: could not run the check: %s\n' "$*"; exit 1; }

if [ $# -ne 2 ] && [ $# -ne 3 ]; then
    echo "usage: (from an AltText checkout) bash $0 IMAGE1 IMAGE2 [NOT_AN_IMAGE]" >&2
    exit 2
fi
BAD=
if [ $# -eq 3 ]; then BAD=$(readlink -f -- "$3") && [ -f "$BAD" ] || die "no such file: $3"; fi
IMG1=$(readlink -f -- "$1") && [ -f "$IMG1" ] || die "no such image: $1"
IMG2=$(readlink -f -- "$2") && [ -f "$IMG2" ] || die "no such image: $2"
[ -f "$DRIVER" ] || die "orca_driver.py is missing beside $0"
if [ -z "${ALTTEXT_APP_CMD:-}" ] && [ ! -x ./.venv/bin/alttext-app ]; then
    die "no ./.venv/bin/alttext-app here ($PWD): run from an AltText checkout with its .venv, or set ALTTEXT_APP_CMD"
fi

# --- requirements ------------------------------------------------------------------------------
missing=()
command -v orca >/dev/null || missing+=(orca)
command -v openbox >/dev/null || missing+=(openbox)
command -v Xvfb >/dev/null || missing+=(xvfb)
{ command -v dbus-run-session && command -v dbus-send; } >/dev/null || missing+=(dbus)
[ -f /usr/share/dbus-1/services/org.a11y.Bus.service ] || missing+=(at-spi2-core)
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || missing+=(python3-pyatspi)
/usr/bin/python3 -c 'import gi; gi.require_version("Atspi", "2.0")' 2>/dev/null || missing+=(gir1.2-atspi-2.0)
command -v xdotool >/dev/null || missing+=(xdotool)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=
    if [ "$(id -u)" -ne 0 ]; then
        sudo -n true 2>/dev/null || die "missing ${missing[*]}; install them (apt-get install ${missing[*]})"
        SUDO="sudo -n"
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed"
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || die "apt-get install ${missing[*]} failed"
    START=$SECONDS  # the time limit is for the check itself
fi

# --- a private place for everything this run writes ---------------------------------------------
W=$(mktemp -d "${TMPDIR:-/tmp}/orcabar.XXXXXX") || die "mktemp failed"
chmod 700 "$W"
OUT=$W/out
mkdir -p "$OUT" "$W/home/.config" "$W/home/.local/share" "$W/home/.local/state" "$W/home/.cache" \
    "$W/runtime" "$W/tmp" "$W/alttext/config" "$W/alttext/log" "$W/alttext/models" "$W/orca-prefs"
chmod 700 "$W/runtime"
TOKEN="orcabar-$$-$RANDOM$RANDOM"  # in the environment of every process this run starts

XPID=
read -r st </proc/$$/stat; st=${st##*) }; set -- $st; MYSID=$4; set --
cleanup() {
    local rc=$? sid= pids i
    trap - EXIT INT TERM HUP
    [ -s "$W/sid" ] && sid=$(<"$W/sid")
    [ "$sid" = "$MYSID" ] && sid=  # never sweep the caller's own session
    # Everything started in the private session, and anything that left it but carries our token.
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        pids=$( { [ -n "$sid" ] && ps -eo pid=,sid=,stat= | awk -v s="$sid" '$2 == s && $3 !~ /^Z/ {print $1}'
                  grep -l -s -z -x -F "ORCABAR_RUN=$TOKEN" /proc/[0-9]*/environ | cut -d/ -f3
                } | sort -u | grep -v -x -e "$$" -e "${XPID:-0}")
        [ -z "$pids" ] && break
        if [ "$i" -lt 8 ]; then kill -TERM $pids 2>/dev/null; else kill -KILL $pids 2>/dev/null; fi
        sleep 0.25
    done
    if [ -n "$XPID" ]; then
        kill -TERM "$XPID" 2>/dev/null
        for i in 1 2 3 4 5 6 7 8; do kill -0 "$XPID" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "$XPID" 2>/dev/null
        wait "$XPID" 2>/dev/null
    fi
    if [ -n "${ORCA_BAR_KEEP:-}" ]; then
        mkdir -p "$ORCA_BAR_KEEP" && cp -p "$OUT"/* "$ORCA_BAR_KEEP"/ 2>/dev/null && say "logs in $ORCA_BAR_KEEP"
    fi
    rm -rf "$W"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# Orca prefs: its defaults, but no braille, sounds or key echo (nothing that reaches outside this run
# or buries the log), and speech on. Orca writes the rest of its prefs folder itself.
cat >"$W/orca-prefs/user-settings.conf" <<'EOF'
{
    "general": {
        "enableSpeech": true,
        "speechServerFactory": "speechdispatcherfactory",
        "speakDescription": true,
        "enableKeyEcho": false,
        "enableEchoByCharacter": false,
        "enableEchoByWord": false,
        "enableTutorialMessages": false,
        "enableBraille": false,
        "enableBrailleMonitor": false,
        "enableSound": false,
        "enableMouseReview": false,
        "profile": ["Default", "default"],
        "activeProfile": ["Default", "default"],
        "startingProfile": ["Default", "default"]
    },
    "profiles": {
        "default": {"profile": ["Default", "default"], "pronunciations": {}, "keybindings": {}}
    },
    "pronunciations": {},
    "keybindings": {}
}
EOF

# The environment of every process of the run: nothing inherited but PATH and the user's name.
ENVV=(
    PATH="$PATH" USER="${USER:-$(id -un)}" LOGNAME="${LOGNAME:-$(id -un)}" LANG=C.UTF-8
    HOME="$W/home" TMPDIR="$W/tmp" XDG_RUNTIME_DIR="$W/runtime"
    XDG_CONFIG_HOME="$W/home/.config" XDG_DATA_HOME="$W/home/.local/share"
    XDG_STATE_HOME="$W/home/.local/state" XDG_CACHE_HOME="$W/home/.cache"
    ALTTEXT_CONFIG_DIR="$W/alttext/config" ALTTEXT_LOG_DIR="$W/alttext/log" ALTTEXT_MODELS_DIR="$W/alttext/models"
    PYTHONDONTWRITEBYTECODE=1 GSETTINGS_BACKEND=memory GDK_BACKEND=x11 QT_QPA_PLATFORM=xcb
    # Orca's speech stays in its log: no speech-dispatcher is reached or spawned.
    SPEECHD_ADDRESS="unix_socket:$W/runtime/no-speechd.sock" SPEECHD_CMD="$W/no-speech-dispatcher"
    ORCABAR_RUN="$TOKEN"
)

# --- what the CLI says the descriptions are (a sanity check; the field is what counts) -------------
if [ -x ./.venv/bin/alttext ]; then
    exp=$(env -i "${ENVV[@]}" timeout 30 ./.venv/bin/alttext caption --json "$IMG1" "$IMG2" 2>"$OUT/cli.log" \
        | /usr/bin/python3 -c 'import json, sys; [print(repr(json.loads(l)["alt_text"])) for l in sys.stdin if l.strip()]' 2>/dev/null)
    mapfile -t exp <<<"$exp"
    if [ ${#exp[@]} -eq 2 ] && [ -n "${exp[0]}" ]; then
        say "alttext caption: ${exp[0]} / ${exp[1]}"
        [ "${exp[0]}" != "${exp[1]}" ] || die "both images get the description ${exp[0]}; the field would not change: choose two images that differ"
    else
        say "alttext caption gave no descriptions (see its log); going on"
    fi
fi

# --- X server -----------------------------------------------------------------------------------
env -i "${ENVV[@]}" Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$W/display" >"$OUT/xvfb.log" 2>&1 &
XPID=$!
for _ in $(seq 100); do [ -s "$W/display" ] && break; kill -0 "$XPID" 2>/dev/null || break; sleep 0.1; done
DISP=$(head -n1 "$W/display" 2>/dev/null)
[ -n "$DISP" ] || die "Xvfb did not start (see xvfb.log)"

# --- the private session: D-Bus + AT-SPI bus, openbox, Orca, then the driver ------------------------
# Its output goes to session.log (D-Bus services chatter there); the driver gets our stdout and
# stderr as fds 4 and 3.
REMAIN=$((LIMIT - (SECONDS - START) - 10))  # leaves time for timeout -k and the clean-up
((REMAIN > 10)) || die "no time left for the check (ORCA_BAR_TIMEOUT=$LIMIT)"
INNER='
read -r st </proc/$$/stat; set -- ${st##*) }; echo "$4" >"$ORCABAR_WORK/sid"
dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null \
    || { echo "orca: could not run the check: no AT-SPI bus on the private D-Bus session (at-spi2-core)" >&4; exit 1; }
dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.freedesktop.DBus.Properties.Set \
    string:org.a11y.Status string:ScreenReaderEnabled variant:boolean:true >/dev/null \
    || { echo "orca: could not run the check: could not set org.a11y.Status ScreenReaderEnabled" >&4; exit 1; }
openbox --sm-disable --startup "touch '"'"'$ORCABAR_WORK/wm-ready'"'"'" >"$OUTDIR/openbox.log" 2>&1 3>&- 4>&- &
for _ in $(seq 100); do [ -e "$ORCABAR_WORK/wm-ready" ] && break; sleep 0.1; done
[ -e "$ORCABAR_WORK/wm-ready" ] || { echo "orca: could not run the check: openbox did not start" >&4; exit 1; }
/usr/bin/python3 "$ORCABAR_DRIVER" --launch-orca "$OUTDIR/orca-debug.txt" "$ORCABAR_WORK/orca-prefs" \
    >"$OUTDIR/orca.log" 2>&1 3>&- 4>&- &
exec /usr/bin/python3 -u "$ORCABAR_DRIVER" --orca-debug "$OUTDIR/orca-debug.txt" --orca-pid $! \
    "$ORCABAR_IMAGE1" "$ORCABAR_IMAGE2" ${ORCABAR_BAD:+--not-an-image "$ORCABAR_BAD"} >&4 2>&3 3>&- 4>&-
'
env -i "${ENVV[@]}" DISPLAY=":$DISP" OUTDIR="$OUT" ORCABAR_WORK="$W" ORCABAR_DRIVER="$DRIVER" \
    ORCABAR_IMAGE1="$IMG1" ORCABAR_IMAGE2="$IMG2" ORCABAR_BAD="$BAD" ORCA_BAR_DEADLINE=$(($(date +%s) + REMAIN - 4)) \
    ORCA_BAR_SPEAK_WAIT="${ORCA_BAR_SPEAK_WAIT:-8}" ${ALTTEXT_APP_CMD:+ALTTEXT_APP_CMD="$ALTTEXT_APP_CMD"} \
    setsid timeout -k 3 "$REMAIN" dbus-run-session -- bash -c "$INNER" 3>&2 4>&1 >>"$OUT/session.log" 2>&1 &
SPID=$!
[ -s "$W/sid" ] || echo "$SPID" >"$W/sid"  # setsid made it the session leader; the session reports it too
wait "$SPID"
rc=$?
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    die "timed out after $((SECONDS - START)) s"
fi
exit "$rc"
