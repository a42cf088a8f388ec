#!/usr/bin/env bash
# Opens the real reader on a corpus in a detached 120x40 tmux session, waits
# until the analysis is in (or a timeout), quits, and prints the reader's
# --timings ("first frame", "analysed", since start) with wall, CPU and peak
# RSS from /usr/bin/time, and the load average.
#
#   benches/reader_start.sh CORPUS CACHE_DIR [cold|warm]
#
# cold empties CACHE_DIR first; warm reuses it (run cold once before).
set -euo pipefail
corpus=$1 cache=$2 mode=${3:-warm}
bin=${CROSSREAD_BIN:-target/release/crossread}
out=$(mktemp -d)
session=crossread-start-$$
[ "$mode" = cold ] && rm -rf "$cache"
mkdir -p "$cache"
data=$(mktemp -d)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
tmux new-session -d -s "$session" -x 120 -y 40 \
  "CROSSREAD_CACHE_DIR='$cache' CROSSREAD_DATA_DIR='$data' /usr/bin/time -f 'wall %e s  cpu %U+%S s  maxrss %M KB' \
   -o '$out/time.txt' '$bin' --timings '$corpus' 2>'$out/timings.txt'; tmux wait-for -S '$session-done'"
# The analysis is in once the status line no longer shows progress.
for _ in $(seq 1 $((${CROSSREAD_WAIT_SECS:-120} * 10))); do
  sleep 0.1
  screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
  if [ -n "$screen" ] && ! grep -qE 'reading|analysing|linking|saving' <<<"$screen" \
     && grep -q . <<<"$screen"; then
    break
  fi
done
sleep 0.3
tmux send-keys -t "$session" q
tmux wait-for "$session-done" 2>/dev/null || true
tmux kill-session -t "$session" 2>/dev/null || true
grep -E 'first frame|analysed|read ' "$out/timings.txt" || cat "$out/timings.txt"
cat "$out/time.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out" "$data"
