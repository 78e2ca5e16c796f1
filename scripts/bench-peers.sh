#!/usr/bin/env bash
# rectrack beside its peers, on the same generated files and the project's schema.
#
#   scripts/bench-peers.sh [--files N] [--history H] [--large ENTRIES] [--runs R]
#                          [--peer-runs P] [--smoke]
#
# Generates a corpus (N trackers of about 43 KB, histories of up to H entries; one
# tracker of ENTRIES history entries and one of ENTRIES/10), installs the peers into
# target/bench/ (check-jsonschema in two virtual environments, without and with
# ruamel.yaml's C extension; ajv-cli with ajv-formats, on JSON copies), and prints a
# Markdown table of medians: wall time, files/s, MB/s, peak memory, ratio to rectrack.
# --smoke: a tiny corpus and one run, for CI (no timing is asserted anywhere).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
files=2000 history=20 large=70000 runs=5 peer_runs=1 smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --history) history=$2; shift 2 ;;
    --large) large=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --peer-runs) peer_runs=$2; shift 2 ;;
    --smoke) smoke=1; files=4; large=700; runs=1; peer_runs=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

work=$root/target/bench
mkdir -p "$work"
cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
bin=$root/target/release/rectrack
gen=$root/target/release/examples/gen_corpus

# --- corpus -----------------------------------------------------------------------
corpus=$work/corpus-$files-$history
if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus"
  "$gen" --out "$corpus/tracker" --trackers "$files" --history "$history" --json
  mkdir -p "$corpus/json" "$corpus/schema"
  mv "$corpus"/tracker/*.json "$corpus/json/"
  "$bin" schema > "$corpus/schema/tracker.schema.json"
  touch "$corpus/.done"
fi
bigdir=$work/large-$large
if [ ! -f "$bigdir/.done" ]; then
  rm -rf "$bigdir"
  "$gen" --out "$bigdir/tracker" --large "$large"
  "$gen" --out "$bigdir/tracker-tenth" --large $((large / 10))
  mkdir -p "$bigdir/schema"
  "$bin" schema > "$bigdir/schema/tracker.schema.json"
  # A repository with one appended entry, for check --base.
  ( cd "$bigdir" && git init -q -b main && git add -A &&
    git -c user.name=bench -c user.email=bench@example.org commit -q -m base )
  touch "$bigdir/.done"
fi
schema=$root/schema/tracker.schema.json
mb=$(du -sm --apparent-size "$corpus/tracker" | cut -f1)
big=$(ls "$bigdir"/tracker/*.yaml)
big_tenth=$(ls "$bigdir"/tracker-tenth/*.yaml)

# --- peers --------------------------------------------------------------------------
# A peer that cannot be installed (no python3, no registry) is reported, not fatal.
pure=$work/venv-pure
cext=$work/venv-cext
if [ ! -x "$pure/bin/check-jsonschema" ]; then
  { python3 -m venv "$pure" && "$pure/bin/pip" install -q --disable-pip-version-check "check-jsonschema==0.39.0"; } ||
    echo "check-jsonschema could not be installed: its rows are skipped" >&2
fi
if [ ! -x "$cext/bin/check-jsonschema" ]; then
  { python3 -m venv "$cext" && "$cext/bin/pip" install -q --disable-pip-version-check "check-jsonschema==0.39.0" ruamel.yaml.clib; } ||
    echo "check-jsonschema with the C extension could not be installed: its row is skipped" >&2
fi
node=$work/node
have_ajv=0
if command -v npm >/dev/null 2>&1; then
  if [ ! -x "$node/node_modules/.bin/ajv" ]; then
    npm install --silent --no-audit --no-fund --prefix "$node" ajv-cli@5 ajv-formats@2 >/dev/null 2>&1 || true
  fi
  [ -x "$node/node_modules/.bin/ajv" ] && have_ajv=1
fi

# --- measuring ----------------------------------------------------------------------
# measure RUNS CMD...: prints "median_seconds max_rss_kb" over RUNS runs (wall time from
# bash's clock, peak resident memory from GNU time; a failing command aborts).
measure() {
  local n=$1; shift
  local t=()
  local rss=0
  for _ in $(seq "$n"); do
    local start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || {
      echo "failed: $*" >&2; tail -5 "$work/out.txt" >&2; exit 1; }
    local end=$EPOCHREALTIME
    read -r m < "$work/time.txt"
    t+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  printf '%s\n' "${t[@]}" | sort -g | awk -v r="$rss" '{a[NR]=$1} END {print a[int((NR+1)/2)], r}'
}
row() { # name seconds rss files
  awk -v name="$1" -v s="$2" -v r="$3" -v f="$4" -v mb="$mb" -v ref="${5:-0}" 'BEGIN {
    fps = (s > 0) ? f / s : 0; mbs = (s > 0) ? mb * f / '"$files"' / s : 0;
    ratio = (ref > 0 && s > 0) ? sprintf("%.1f×", s / ref) : "—";
    printf "| %s | %.3f | %.0f | %.1f | %.0f | %s |\n", name, s, fps, mbs, r / 1024, ratio }'
}

today=--today=2026-01-01
echo "corpus: $files trackers, $mb MB ($(du -sb "$corpus/tracker" | awk -v n="$files" '{printf "%.0f", $1/n/1024}') KB each), machine: $(nproc) cores; medians of $runs runs (peers: $peer_runs)"
echo
echo "| command | wall s | files/s | MB/s | peak MB | peer time ÷ rectrack (all cores) |"
echo "| --- | --- | --- | --- | --- | --- |"
read -r s_par r_par < <(measure "$runs" "$bin" check $today -j "$(nproc)" "$corpus/tracker")
read -r s_one r_one < <(measure "$runs" "$bin" check $today -j 1 "$corpus/tracker")
read -r s_parse r_parse < <(measure "$runs" "$bin" check $today -j 1 --parse-only "$corpus/tracker")
row "rectrack check, all cores" "$s_par" "$r_par" "$files"
row "rectrack check, 1 thread" "$s_one" "$r_one" "$files"
row "rectrack parse only, 1 thread (the floor)" "$s_parse" "$r_parse" "$files"
s_cp=0 s_cc=0
if [ -x "$pure/bin/check-jsonschema" ]; then
  read -r s_cp r_cp < <(measure "$peer_runs" "$pure/bin/check-jsonschema" --schemafile "$schema" "$corpus"/tracker/*.yaml)
  row "check-jsonschema 0.39 (pure-Python YAML)" "$s_cp" "$r_cp" "$files" "$s_par"
else
  echo "| check-jsonschema 0.39 | not run: could not be installed | | | | |"
fi
if [ -x "$cext/bin/check-jsonschema" ]; then
  read -r s_cc r_cc < <(measure "$peer_runs" "$cext/bin/check-jsonschema" --schemafile "$schema" "$corpus"/tracker/*.yaml)
  row "check-jsonschema 0.39 + ruamel.yaml C extension" "$s_cc" "$r_cc" "$files" "$s_par"
else
  echo "| check-jsonschema 0.39 + C extension | not run: could not be installed | | | | |"
fi
if [ "$have_ajv" = 1 ]; then
  read -r s_aj r_aj < <(measure "$runs" "$node/node_modules/.bin/ajv" validate --spec=draft7 -c ajv-formats -c "$root/scripts/peers/ajv-annotations.js" -s "$schema" -d "$corpus/json/*.json")
  row "ajv-cli 5 (JSON copies)" "$s_aj" "$r_aj" "$files" "$s_par"
else
  echo "| ajv-cli 5 | not run: npm is not available | | | | |"
fi
echo
awk -v one="$s_one" -v par="$s_par" -v parse="$s_parse" -v cp="$s_cp" -v cc="$s_cc" 'BEGIN {
  printf "- check ÷ parse-only, 1 thread: %.2f (target ≤ 1.3)\n", one / parse
  printf "- all cores ÷ 1 thread: %.2f (target ≤ 0.65)\n", par / one
  printf "- check-jsonschema (pure) ÷ rectrack (all cores): %.0f× (target ≥ 60×)\n", cp / par
  printf "- check-jsonschema (C extension) ÷ rectrack (all cores): %.0f× (target ≥ 25×)\n", cc / par }'

# Memory against the number of files: a tenth of the corpus, one thread.
tenth=$work/tenth
rm -rf "$tenth" && mkdir -p "$tenth/tracker"
all=("$corpus"/tracker/*.yaml)
cp "${all[@]:0:$((files / 10 + 1))}" "$tenth/tracker/"
read -r _ r_tenth < <(measure 1 "$bin" check $today -j 1 "$tenth/tracker")
echo "- peak memory, 1 thread: $((r_tenth / 1024)) MB on $((files / 10 + 1)) files, $((r_one / 1024)) MB on $files files (target: independent of the number of files)"

# The large tracker: linearity, memory, status and check --base.
git -C "$bigdir" checkout -q -- tracker/ # undo an edit left by an interrupted run
size=$(stat -c %s "$big"); size_tenth=$(stat -c %s "$big_tenth")
limit="--max-file-size=$((size * 2))"
read -r s_big r_big < <(measure "$runs" "$bin" check $today $limit "$big")
read -r s_bigt _ < <(measure "$runs" "$bin" check $today $limit "$big_tenth")
read -r s_status _ < <(measure "$runs" "$bin" status $today $limit "$big")
read -r s_asof _ < <(measure "$runs" "$bin" status $today $limit --as-of 2020-06-01 "$big")
# A changed file (its title edited), so --base parses and compares the old version.
sed -i 's/^title: Generated tracker/title: Edited tracker/' "$big"
read -r s_base _ < <(cd "$bigdir" && measure "$runs" "$bin" check $today $limit --base HEAD tracker/)
( cd "$bigdir" && git checkout -q -- tracker/ )
awk -v s="$s_big" -v st="$s_bigt" -v r="$r_big" -v sz="$size" -v szt="$size_tenth" -v n="$large" \
    -v stat="$s_status" -v asof="$s_asof" -v base="$s_base" 'BEGIN {
  printf "- large tracker, %d entries (%.1f MB): check %.2f s, peak %.0f MB = %.1f× the file (target ≤ 6×)\n", n, sz/1e6, s, r/1024, r*1024/sz
  printf "- a tenth of it (%d entries, %.1f MB): check %.3f s; 10× the entries costs %.1f× the time (target ≤ 11×)\n", n/10, szt/1e6, st, s/st
  printf "- on the large tracker: status %.2f s, status --as-of %.2f s, check --base %.2f s (target < 1 s each)\n", stat, asof, base }'

# One small tracker from process start, schema compilation included.
read -r s_small _ < <(measure $((runs * 4)) "$bin" check "$root/tracker")
echo "- rectrack check tracker/ (the shipped tracker): $(awk -v s="$s_small" 'BEGIN {printf "%.1f", s*1000}') ms wall from process start (target < 10 ms)"
