#!/usr/bin/env bash
# Key latency of the real binary in a real terminal: opens the reader on a
# corpus in a detached 120x40 tmux session, waits for the analysis, types a
# session of keys one at a time (j/k through the list, G, Enter, Tab, the
# finder on "united kingdom", n/N through its mentions, Ctrl-o, a text
# search, j in the cross-references), quits, and prints what the reader's
# --timings measured: each key from being read to its frame drawn.
#
#   benches/tmux_keys.sh CORPUS CACHE_DIR [DELAY_SECONDS]
#
# Run benches/reader_start.sh CORPUS CACHE_DIR cold first so the store is
# built; DELAY (default 0.02) is the pause between keys. With
# CROSSREAD_DURING_COLD_OPEN=1 the cache is emptied and the keys are typed
# from the first frame on, while the corpus is analysed.
set -euo pipefail
corpus=$1 cache=$2 delay=${3:-0.02}
bin=${CROSSREAD_BIN:-target/release/crossread}
out=$(mktemp -d)
data=$(mktemp -d)
session=crossread-keys-$$
during=${CROSSREAD_DURING_COLD_OPEN:-}
[ -n "$during" ] && rm -rf "$cache"
mkdir -p "$cache"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
tmux new-session -d -s "$session" -x 120 -y 40 \
  "CROSSREAD_CACHE_DIR='$cache' CROSSREAD_DATA_DIR='$data' '$bin' --timings '$corpus' 2>'$out/timings.txt'; tmux wait-for -S '$session-done'"
for _ in $(seq 1 $((${CROSSREAD_WAIT_SECS:-120} * 10))); do
  sleep 0.1
  screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
  if [ -n "$during" ] && grep -q 'Articles' <<<"$screen"; then
    break
  fi
  if [ -n "$screen" ] && ! grep -qE 'reading|analysing|linking|saving' <<<"$screen"; then
    break
  fi
done
key() { # KEY [COUNT]
  for _ in $(seq 1 "${2:-1}"); do
    tmux send-keys -t "$session" "$1"
    sleep "$delay"
  done
}
type_text() { # TEXT, one key per character
  local text=$1 i
  for ((i = 0; i < ${#text}; i++)); do
    tmux send-keys -t "$session" -l "${text:i:1}"
    sleep "$delay"
  done
}
key j 60; key k 30; key G; key Enter; key Tab 4
key /; type_text "united kingdom"; key Enter
key n 40; key N 40; key C-o 20
key /; type_text "ceasefire"; sleep 0.3; key Enter; key j 30
sleep 0.5
[ -n "$during" ] && echo "screen after the keys: $(tmux capture-pane -p -t "$session" | tail -1)"
tmux send-keys -t "$session" q
tmux wait-for "$session-done" 2>/dev/null || true
tmux kill-session -t "$session" 2>/dev/null || true
grep -E 'first frame|analysed|keys' "$out/timings.txt" || cat "$out/timings.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out" "$data"
