#!/usr/bin/env bash
# Startup time, memory, binary size and keystroke → preview latency of the
# Dateline app, against a bare Tauri window built from the same dependencies
# and profile (src-tauri/examples/bare.rs), on this machine, in the same run.
# Both are built with the `dist` profile: the release build tuned for size,
# as shipped.
#
#   scripts/measure-startup.sh            # 5 launches of each, 10,000-story library
#   RUNS=3 STORIES=2000 scripts/measure-startup.sh
#
# Budgets (issue 4): start ≤ 1.5× bare, whole-tree PSS ≤ 1.2× bare,
# keystroke → preview ≤ 50 ms, release binary ≤ 15 MB.
# Needs a display: without $DISPLAY the script runs itself under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

RUNS=${RUNS:-5}
STORIES=${STORIES:-10000}
SETTLE=${SETTLE:-4}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$TARGET/measure
mkdir -p "$WORK"

echo "== building (UI, app and bare window with the dist profile, CLI)"
(cd ui && npm run build >/dev/null)
cargo build --profile dist -p dateline-app --bin dateline-app --example bare
cargo build -p dateline-cli
APP=$TARGET/dist/dateline-app
BARE=$TARGET/dist/examples/bare
CLI=$TARGET/debug/dateline

# ---- the library: STORIES stories, the last a 1,250-word one -------------
LIB=$WORK/library-$STORIES.dateline
if [ ! -f "$LIB" ] || [ ! -f "$LIB.big-id" ]; then
  echo "== generating a library of $STORIES stories"
  rm -f "$LIB" "$LIB"-* "$LIB.big-id"
  SRC=$(mktemp -d)
  python3 - "$SRC" "$STORIES" <<'PY'
import json, os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(4)
words = ("harbour council ferry island vote budget storm minister market school hospital "
         "road bridge river court police farmers price energy water village festival report "
         "election mayor trade union strike museum railway airport weather flood drought "
         "crops wages rents tourists fishermen nurses teachers students residents officials").split()
sections = ["Local", "World", "Business", "Politics", "Culture", "Sport"]
def para(k):
    s = " ".join(rng.choice(words) for _ in range(k))
    return s[0].upper() + s[1:] + "."
def story(i, nwords):
    body, left = [], nwords
    while left > 0:
        k = min(left, rng.randint(30, 70))
        body.append(para(k)); left -= k
        if len(body) % 4 == 0: body.append("## " + para(3)[:-1])
    q = json.dumps  # a JSON string is a YAML string, whatever it holds
    return (f"---\ntitle: {q(f'Story {i}: ' + para(6)[:-1])}\ndate: 2025-12-{1 + i % 28:02d}T08:00:00Z\n"
            f"description: {q(para(20))}\ntags: [{rng.choice(words)}, {rng.choice(words)}]\n"
            f"params:\n  kicker: {rng.choice(words).title()}\n  section: {rng.choice(sections)}\n"
            f"  standfirst: {q(para(18))}\n  dateline:\n    place: Portmere\n---\n\n" + "\n\n".join(body) + "\n")
for i in range(n - 1):
    with open(os.path.join(out, f"s{i:05d}.md"), "w") as f:
        f.write(story(i, rng.randint(150, 600)))
with open(os.path.join(out, "z-big.md"), "w") as f:
    f.write(story(n, 1250))
PY
  # One process, one file at a time; the big story is imported last.
  (cd "$SRC" && "$CLI" --library "$LIB" import ./*.md) > "$WORK/ids.txt"
  tail -n 1 "$WORK/ids.txt" > "$LIB.big-id"
  rm -rf "$SRC"
fi
# Opening it once brings a library kept from an older build up to the current
# schema, so no measured launch pays for the upgrade.
"$CLI" --library "$LIB" list --limit 1 > /dev/null
BIG_ID=$(cat "$LIB.big-id")
echo "library: $LIB ($(du -h "$LIB" | cut -f1)), open story $BIG_ID"

now_ms() { date +%s%3N; }

# Sum of PSS (kB) over a process and all its descendants.
tree_pss() {
  local root=$1 pids=("$1") changed=1
  while [ $changed = 1 ]; do
    changed=0
    for stat in /proc/[0-9]*/stat; do
      local pid ppid
      pid=${stat#/proc/}; pid=${pid%/stat}
      ppid=$(awk '{print $4}' "$stat" 2>/dev/null || true)
      [ -n "$ppid" ] || continue
      if printf '%s\n' "${pids[@]}" | grep -qx "$ppid" && ! printf '%s\n' "${pids[@]}" | grep -qx "$pid"; then
        pids+=("$pid"); changed=1
      fi
    done
  done
  local total=0 names=""
  for pid in "${pids[@]}"; do
    local pss
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${pss:-0}))
    names="$names $(cat "/proc/$pid/comm" 2>/dev/null || echo "?"):$((${pss:-0} / 1024))MB"
  done
  [ "$root" ] && echo "$total$names"
}

# Launches $1 with a fresh app-data folder; prints
# "<ms to ready> <PSS kB> <ms to story open or -> <breakdown>".
# "Ready" is the library listed and taking input (the bare window: its
# DOMContentLoaded); the story open in the editor with its preview comes after.
launch() {
  local bin=$1 lib=${2:-} dir log pid start ready
  dir=$(mktemp -d)
  log=$dir/out.log
  if [ -n "$lib" ]; then
    cp "$lib" "$dir/library.dateline"
    printf '{"open_story":"%s","show_preview":true,"phone_preview":false,"status_filter":null,"section_filter":""}\n' \
      "$BIG_ID" > "$dir/library.dateline.session.json"
  fi
  start=$(now_ms)
  DATELINE_LIBRARY=$dir/library.dateline XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config \
    XDG_CACHE_HOME=$dir/cache ${LAUNCH_ENV:-} "$bin" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q DATELINE_READY "$log" && break
    sleep 0.02
  done
  ready=$(sed -n 's/.*DATELINE_READY epoch_ms=\([0-9]*\).*/\1/p' "$log" | head -n 1)
  if [ -z "$ready" ]; then
    echo "the window did not report ready; its output:" >&2
    cat "$log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  local story=-
  if [ -n "$lib" ]; then
    for _ in $(seq 1 500); do
      grep -q "timing startup_story_open" "$log" && break
      sleep 0.02
    done
    # Both UI timings count from the page's navigation start.
    local t_ready t_story
    t_ready=$(sed -n 's/.*timing startup_interactive \([0-9.]*\) ms.*/\1/p' "$log" | head -n 1)
    t_story=$(sed -n 's/.*timing startup_story_open \([0-9.]*\) ms.*/\1/p' "$log" | head -n 1)
    if [ -n "$t_ready" ] && [ -n "$t_story" ]; then
      story=$(awk "BEGIN {printf \"%d\", $ready - $start + $t_story - $t_ready}")
    fi
  fi
  sleep "$SETTLE"
  local pss
  pss=$(tree_pss "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  local total=${pss%% *} parts=${pss#* }
  echo "$((ready - start)) $total $story $parts"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== $RUNS launches each, alternating (time to interactive, PSS after ${SETTLE}s)"
# The bare window runs as Tauri starts it (composited), the yardstick of the
# budgets, and also drawn without compositing as Dateline draws itself, so
# the weight of Dateline's own page shows apart from that choice.
: > "$WORK/app.txt"; : > "$WORK/bare.txt"; : > "$WORK/bare-flat.txt"
for i in $(seq 1 "$RUNS"); do
  b=$(launch "$BARE"); echo "bare     #$i: ready ${b%% *} ms, $(echo "$b" | cut -d' ' -f2) kB PSS  [$(echo "$b" | cut -d' ' -f4-)]"
  echo "$b" >> "$WORK/bare.txt"
  f=$(LAUNCH_ENV="env WEBKIT_DISABLE_COMPOSITING_MODE=1" launch "$BARE")
  echo "bare, not composited #$i: ready ${f%% *} ms, $(echo "$f" | cut -d' ' -f2) kB PSS  [$(echo "$f" | cut -d' ' -f4-)]"
  echo "$f" >> "$WORK/bare-flat.txt"
  a=$(launch "$APP" "$LIB")
  echo "dateline #$i: ready ${a%% *} ms, story open $(echo "$a" | cut -d' ' -f3) ms, $(echo "$a" | cut -d' ' -f2) kB PSS  [$(echo "$a" | cut -d' ' -f4-)]"
  echo "$a" >> "$WORK/app.txt"
done
BARE_MS=$(cut -d' ' -f1 "$WORK/bare.txt" | median)
APP_MS=$(cut -d' ' -f1 "$WORK/app.txt" | median)
BARE_PSS=$(cut -d' ' -f2 "$WORK/bare.txt" | median)
FLAT_PSS=$(cut -d' ' -f2 "$WORK/bare-flat.txt" | median)
APP_PSS=$(cut -d' ' -f2 "$WORK/app.txt" | median)
APP_STORY=$(cut -d' ' -f3 "$WORK/app.txt" | median)

echo "== keystroke → preview (measured in the window, dist build)"
MEASURE_LIB=$(mktemp -d)/library.dateline
cp "$LIB" "$MEASURE_LIB"
printf '{"open_story":"%s","show_preview":true,"phone_preview":false,"status_filter":null,"section_filter":""}\n' \
  "$BIG_ID" > "$MEASURE_LIB.session.json"
LATENCY=$(DATELINE_APP=$APP DATELINE_MEASURE_LIBRARY=$MEASURE_LIB \
  cargo test -q -p dateline-e2e --test measure -- --ignored --nocapture --test-threads=1 2>&1 |
  grep KEYSTROKE_TO_PREVIEW || true)
rm -rf "$(dirname "$MEASURE_LIB")"
echo "${LATENCY:-no latency measured}"
P95=$(echo "$LATENCY" | sed -n 's/.*p95=\([0-9.]*\).*/\1/p')

SIZE=$(stat -c %s "$APP")
verdict() { if awk "BEGIN {exit !($1)}"; then echo "within budget"; else echo "OVER BUDGET"; fi; }
echo
echo "== results ($STORIES stories, a 1,250-word story open; medians of $RUNS)"
printf 'start to interactive: dateline %s ms, bare %s ms, ratio %.2f (budget 1.5): %s\n' \
  "$APP_MS" "$BARE_MS" "$(awk "BEGIN {print $APP_MS / $BARE_MS}")" "$(verdict "$APP_MS <= 1.5 * $BARE_MS")"
printf 'start to the 1,250-word story in the editor with its preview: %s ms\n' "$APP_STORY"
printf 'whole-tree PSS: dateline %d MB, bare %d MB, ratio %.2f (budget 1.2): %s\n' \
  "$((APP_PSS / 1024))" "$((BARE_PSS / 1024))" "$(awk "BEGIN {print $APP_PSS / $BARE_PSS}")" "$(verdict "$APP_PSS <= 1.2 * $BARE_PSS")"
printf 'whole-tree PSS against the bare window also drawn without compositing: %d MB, ratio %.2f\n' \
  "$((FLAT_PSS / 1024))" "$(awk "BEGIN {print $APP_PSS / $FLAT_PSS}")"
printf 'keystroke to preview: p95 %s ms (budget 50): %s\n' "${P95:-?}" "$(verdict "${P95:-9999} <= 50")"
printf 'app binary (dist profile): %.1f MB (budget 15): %s\n' "$(awk "BEGIN {print $SIZE / 1048576}")" "$(verdict "$SIZE <= 15 * 1048576")"
