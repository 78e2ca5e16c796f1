#!/usr/bin/env bash
# What `check --base` costs over a plain `check`: a scratch git repository with N
# trackers, each with one entry appended since the base commit, timed with both
# commands (median of R runs, wall time). Usage: scripts/bench-base.sh [N] [R]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
runs=${2:-15}
cargo build --release --quiet
bin="$PWD/target/release/rectrack"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q -b main
mkdir -p tracker schema
"$bin" schema > schema/tracker.schema.json
src="$(dirname "$bin")/../../tracker/mali-jnim-dialogue.yaml"
# Each copy its own id: two trackers with one id are `duplicate-id`.
for i in $(seq -w 1 "$n"); do sed "s/^id: mali-jnim-dialogue$/id: t$i/" "$src" > "tracker/t$i.yaml"; done
git add -A
git -c user.name=bench -c user.email=bench@example.org commit -q -m base
# One appended entry per tracker (a valid change).
entry='          - date: 2021-12-10\n            status: not-started\n            note: Appended for the benchmark.\n            evidence:\n              - source: icg-306\n      jnim-team:'
for f in tracker/*.yaml; do sed -i "0,/^      jnim-team:/s//$entry/" "$f"; done
git -c user.name=bench -c user.email=bench@example.org commit -q -am change

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median
}
plain=$(time_ms "$bin" check tracker/)
unchanged=$(time_ms "$bin" check --base HEAD tracker/)
changed=$(time_ms "$bin" check --base HEAD~1 tracker/)
echo "trackers: $n (each $(wc -c < tracker/t$(printf '%0*d' ${#n} 1).yaml) bytes), runs: $runs, median wall time"
echo "check tracker/                               : ${plain} ms"
echo "check --base HEAD tracker/    (none changed) : ${unchanged} ms (+$((unchanged - plain)) ms)"
echo "check --base HEAD~1 tracker/  (all changed)  : ${changed} ms (+$((changed - plain)) ms)"
