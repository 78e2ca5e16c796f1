#!/usr/bin/env bash
# rectrack beside its peers, on the same generated files and the project's schema.
#
#   scripts/bench-peers.sh [--files N] [--history H] [--large ENTRIES] [--runs R]
#                          [--peer-runs P] [--rectrack BIN] [--smoke]
#
# Generates a corpus (N trackers of about 43 KB, histories of up to H entries, with
# JSON copies; one tracker of ENTRIES history entries and one of ENTRIES/10), installs
# the peers into target/bench/ (the floor, benches/floor/: serde_yaml or serde_json and
# the jsonschema crate on one thread, the pipeline issue #17 measures rectrack against;
# check-jsonschema in two virtual environments, without and with ruamel.yaml's C
# extension; ajv-cli with ajv-formats, on the JSON copies), and prints one Markdown
# table of medians (wall time, files/s, MB/s, peak memory, peak memory ÷ input size,
# each peer's time ÷ rectrack's on the same input), then each target of issue #17 with
# "met" or "MISSED".
# --rectrack BIN: measure that binary instead of building this checkout's (to compare
# builds; the corpus generator is built only when a corpus is missing).
# --smoke: a tiny corpus and one run, for CI: it proves every row still runs and the
# floor still builds and accepts the corpus (rectrack, the generator and the floor in
# the dev profile: nothing is timed there).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
files=2000 history=20 large=70000 runs=5 peer_runs=1 smoke=0 bin=
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --history) history=$2; shift 2 ;;
    --large) large=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --peer-runs) peer_runs=$2; shift 2 ;;
    --rectrack) bin=$(realpath "$2"); shift 2 ;;
    --smoke) smoke=1; files=4; large=700; runs=1; peer_runs=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

work=$root/target/bench
mkdir -p "$work"
# Smoke runs time nothing, so they use the dev profile, which `cargo test` builds
# anyway: a release build would add minutes to CI on 2 cores for numbers nobody reads.
if [ "$smoke" = 1 ]; then
  profile=(--locked) profile_dir=debug
else
  profile=(--release --locked) profile_dir=release
fi
if [ -z "$bin" ]; then
  cargo build "${profile[@]}" --quiet
  bin=$root/target/$profile_dir/rectrack
fi
gen=$root/target/$profile_dir/examples/gen_corpus
# gen: builds the corpus generator the first time a corpus is missing.
gen() {
  [ -n "${gen_built:-}" ] || { cargo build "${profile[@]}" --quiet --example gen_corpus; gen_built=1; }
  "$gen" "$@"
}

# --- corpus -----------------------------------------------------------------------
corpus=$work/corpus-$files-$history
if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus"
  gen --out "$corpus/tracker" --trackers "$files" --history "$history" --json
  mkdir -p "$corpus/json" "$corpus/schema"
  mv "$corpus"/tracker/*.json "$corpus/json/"
  "$bin" schema > "$corpus/schema/tracker.schema.json"
  touch "$corpus/.done"
fi
bigdir=$work/large-$large
if [ ! -f "$bigdir/.done" ]; then
  rm -rf "$bigdir"
  gen --out "$bigdir/tracker" --large "$large"
  gen --out "$bigdir/tracker-tenth" --large $((large / 10))
  mkdir -p "$bigdir/schema"
  "$bin" schema > "$bigdir/schema/tracker.schema.json"
  # A repository with one appended entry, for check --base.
  ( cd "$bigdir" && git init -q -b main && git add -A &&
    git -c user.name=bench -c user.email=bench@example.org commit -q -m base )
  touch "$bigdir/.done"
fi
schema=$root/schema/tracker.schema.json
big=$(ls "$bigdir"/tracker/*.yaml)
big_tenth=$(ls "$bigdir"/tracker-tenth/*.yaml)

# --- peers --------------------------------------------------------------------------
# The floor: its own Cargo project and lock file, built once into target/bench/ (a
# release build takes minutes on 2 cores: smoke runs build it in the dev profile).
if [ "$smoke" = 1 ]; then
  cargo build --locked --quiet --manifest-path benches/floor/Cargo.toml --target-dir "$work/floor-target"
  floor=$work/floor-target/debug/rectrack-floor floor_build=", dev build"
else
  cargo build --release --locked --quiet --manifest-path benches/floor/Cargo.toml --target-dir "$work/floor-target"
  floor=$work/floor-target/release/rectrack-floor floor_build=
fi
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
# floor_accepted N: the floor exits 0 whatever it finds, and a floor that rejected
# files would have been timed on less work: it must have accepted all N.
floor_accepted() {
  grep -qx "$1 files, $1 valid, 0 invalid" "$work/out.txt" || {
    echo "the floor did not accept every file of the corpus:" >&2; tail -5 "$work/out.txt" >&2; exit 1; }
}
# row NAME SECONDS RSS_KB FILES BYTES [REF_SECONDS]: one line of the table. BYTES is
# the input's size; REF is rectrack's time on the same input (for the ratio column;
# rectrack's own rows have none).
row() {
  awk -v name="$1" -v s="$2" -v r="$3" -v f="$4" -v b="$5" -v ref="${6:-0}" 'BEGIN {
    fps = (s > 0) ? f / s : 0; mbs = (s > 0) ? b / 1e6 / s : 0;
    q = (ref > 0) ? s / ref : 0;
    ratio = (q <= 0) ? "—" : (q < 10) ? sprintf("%.2f×", q) : sprintf("%.0f×", q);
    fps = (fps < 10) ? sprintf("%.2f", fps) : sprintf("%.0f", fps);
    printf "| %s | %.3f | %s | %.1f | %.0f | %.2f× | %s |\n", name, s, fps, mbs, r / 1024, r * 1024 / b, ratio }'
}
bytes() { find "$@" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }

today=--today=2026-01-01
yaml_bytes=$(bytes "$corpus/tracker" -name '*.yaml')
json_bytes=$(bytes "$corpus/json" -name '*.json')
git -C "$bigdir" checkout -q -- tracker/ # undo an edit left by an interrupted run
size=$(stat -c %s "$big"); size_tenth=$(stat -c %s "$big_tenth")
limit="--max-file-size=$((size * 2))"
# The load average says whether the machine was quiet (times scale with it).
awk -v n="$files" -v y="$yaml_bytes" -v j="$json_bytes" -v e="$large" -v sz="$size" -v c="$(nproc)" -v r="$runs" -v p="$peer_runs" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "corpus: %d trackers, %.1f MB of YAML (%.0f KB each), %.1f MB as JSON copies; large tracker: %d entries, %.1f MB; machine: %d cores, load average %s at the start; medians of %d runs (check-jsonschema: %d)\n", n, y/1e6, y/n/1e3, j/1e6, e, sz/1e6, c, l, r, p }'
echo
echo "| command | wall s | files/s | MB/s | peak MiB | peak ÷ input size | peer time ÷ rectrack's (same input, all cores) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

# The YAML corpus.
read -r s_par r_par < <(measure "$runs" "$bin" check $today -j "$(nproc)" "$corpus/tracker")
read -r s_one r_one < <(measure "$runs" "$bin" check $today -j 1 "$corpus/tracker")
read -r s_parse r_parse < <(measure "$runs" "$bin" check $today -j 1 --parse-only "$corpus/tracker")
read -r s_fl r_fl < <(measure "$runs" "$floor" "$schema" "$corpus"/tracker/*.yaml)
floor_accepted "$files"
row "rectrack check, all cores" "$s_par" "$r_par" "$files" "$yaml_bytes"
row "rectrack check, 1 thread" "$s_one" "$r_one" "$files" "$yaml_bytes"
row "rectrack parse only, 1 thread" "$s_parse" "$r_parse" "$files" "$yaml_bytes"
row "the floor: serde_yaml 0.9 + jsonschema 0.61, 1 thread$floor_build" "$s_fl" "$r_fl" "$files" "$yaml_bytes" "$s_par"
s_cp=0 s_cc=0
if [ -x "$pure/bin/check-jsonschema" ]; then
  read -r s_cp r_cp < <(measure "$peer_runs" "$pure/bin/check-jsonschema" --schemafile "$schema" "$corpus"/tracker/*.yaml)
  row "check-jsonschema 0.39 (pure-Python YAML)" "$s_cp" "$r_cp" "$files" "$yaml_bytes" "$s_par"
else
  echo "| check-jsonschema 0.39 | not run: could not be installed | | | | | |"
fi
if [ -x "$cext/bin/check-jsonschema" ]; then
  read -r s_cc r_cc < <(measure "$peer_runs" "$cext/bin/check-jsonschema" --schemafile "$schema" "$corpus"/tracker/*.yaml)
  row "check-jsonschema 0.39 + ruamel.yaml C extension" "$s_cc" "$r_cc" "$files" "$yaml_bytes" "$s_par"
else
  echo "| check-jsonschema 0.39 + C extension | not run: could not be installed | | | | | |"
fi

# The same trackers as JSON files (named one by one: a directory yields only *.yaml
# and *.yml).
read -r s_jpar r_jpar < <(measure "$runs" "$bin" check $today -j "$(nproc)" "$corpus"/json/*.json)
read -r s_jone r_jone < <(measure "$runs" "$bin" check $today -j 1 "$corpus"/json/*.json)
read -r s_jfl r_jfl < <(measure "$runs" "$floor" "$schema" --json "$corpus"/json/*.json)
floor_accepted "$files"
row "rectrack check, all cores, JSON copies" "$s_jpar" "$r_jpar" "$files" "$json_bytes"
row "rectrack check, 1 thread, JSON copies" "$s_jone" "$r_jone" "$files" "$json_bytes"
row "the floor: serde_json + jsonschema 0.61, 1 thread$floor_build, JSON copies" "$s_jfl" "$r_jfl" "$files" "$json_bytes" "$s_jpar"
s_aj=0
if [ "$have_ajv" = 1 ]; then
  read -r s_aj r_aj < <(measure "$runs" "$node/node_modules/.bin/ajv" validate --spec=draft7 -c ajv-formats -c "$root/scripts/peers/ajv-annotations.js" -s "$schema" -d "$corpus/json/*.json")
  row "ajv-cli 5 + ajv-formats, JSON copies" "$s_aj" "$r_aj" "$files" "$json_bytes" "$s_jpar"
else
  echo "| ajv-cli 5 | not run: npm is not available | | | | | |"
fi

# The large tracker, alone.
read -r s_big r_big < <(measure "$runs" "$bin" check $today $limit "$big")
read -r s_fbig r_fbig < <(measure "$runs" "$floor" "$schema" "$big")
floor_accepted 1
row "rectrack check, the large tracker" "$s_big" "$r_big" 1 "$size"
row "the floor: serde_yaml + jsonschema$floor_build, the large tracker" "$s_fbig" "$r_fbig" 1 "$size" "$s_big"
echo

# The targets of issue #17, then those of earlier issues that still hold.
awk -v one="$s_one" -v par="$s_par" -v parse="$s_parse" -v fl="$s_fl" -v cp="$s_cp" -v cc="$s_cc" \
    -v jpar="$s_jpar" -v aj="$s_aj" -v big="$s_big" -v rbig="$r_big" -v fbig="$s_fbig" \
    -v rfbig="$r_fbig" -v sz="$size" '
  # A verdict on the number as printed (to two decimals), so that "1.00 (target ≤ 1.0)"
  # never reads "MISSED".
  function v(ok) { return ok ? "met" : "MISSED" }
  function r(x, d) { return sprintf("%." d "f", x) + 0 }
  BEGIN {
  if (aj > 0) printf "- JSON: rectrack check, all cores ÷ ajv-cli: %.2f (%.3f s vs %.3f s; target ≤ 0.5): %s\n", jpar / aj, jpar, aj, v(r(jpar / aj, 2) <= 0.5)
  else print "- JSON: rectrack check, all cores ÷ ajv-cli (target ≤ 0.5): not measured, ajv-cli did not run"
  printf "- YAML: rectrack check, all cores ÷ the floor: %.2f (%.3f s vs %.3f s; target ≤ 0.5): %s\n", par / fl, par, fl, v(r(par / fl, 2) <= 0.5)
  printf "- check ÷ parse only, 1 thread: %.2f (target ≤ 1.15): %s\n", one / parse, v(r(one / parse, 2) <= 1.15)
  printf "- large tracker, peak memory: %.0f MiB = %.1f× the file (target ≤ 6×): %s; the floor: %.0f MiB = %.1f× the file\n", rbig / 1024, rbig * 1024 / sz, v(r(rbig * 1024 / sz, 1) <= 6), rfbig / 1024, rfbig * 1024 / sz
  printf "- large tracker, rectrack ÷ the floor: %.2f (%.3f s vs %.3f s; target ≤ 1.0): %s\n", big / fbig, big, fbig, v(r(big / fbig, 2) <= 1.0)
  if (cp > 0) printf "- check-jsonschema (pure-Python YAML) ÷ rectrack, all cores: %.0f× (target ≥ 100×): %s\n", cp / par, v(r(cp / par, 0) >= 100)
  else print "- check-jsonschema (pure-Python YAML) ÷ rectrack (target ≥ 100×): not measured, check-jsonschema did not run"
  if (cc > 0) printf "- for information: check-jsonschema with the C extension ÷ rectrack, all cores: %.0f×\n", cc / par
  printf "- for information: all cores ÷ 1 thread: %.2f (YAML); rectrack on the JSON copies ÷ on the YAML, all cores: %.2f\n", par / one, jpar / par }'

# Memory against the number of files: a tenth of the corpus, one thread.
tenth=$work/tenth
rm -rf "$tenth" && mkdir -p "$tenth/tracker"
all=("$corpus"/tracker/*.yaml)
cp "${all[@]:0:$((files / 10 + 1))}" "$tenth/tracker/"
read -r _ r_tenth < <(measure 1 "$bin" check $today -j 1 "$tenth/tracker")
awk -v rt="$r_tenth" -v r="$r_one" -v nt="$((files / 10 + 1))" -v n="$files" 'BEGIN {
  printf "- peak memory, 1 thread: %.0f MiB on %d files, %.0f MiB on %d files (target: independent of the number of files, within 1.25×): %s\n", rt / 1024, nt, r / 1024, n, (r <= 1.25 * rt) ? "met" : "MISSED" }'

# The large tracker: linearity, status and check --base.
read -r s_bigt _ < <(measure "$runs" "$bin" check $today $limit "$big_tenth")
read -r s_status _ < <(measure "$runs" "$bin" status $today $limit "$big")
read -r s_asof _ < <(measure "$runs" "$bin" status $today $limit --as-of 2020-06-01 "$big")
# A changed file (its title edited), so --base parses and compares the old version.
sed -i 's/^title: Generated tracker/title: Edited tracker/' "$big"
read -r s_base _ < <(cd "$bigdir" && measure "$runs" "$bin" check $today $limit --base HEAD tracker/)
( cd "$bigdir" && git checkout -q -- tracker/ )
awk -v s="$s_big" -v st="$s_bigt" -v szt="$size_tenth" -v n="$large" \
    -v stat="$s_status" -v asof="$s_asof" -v base="$s_base" 'BEGIN {
  printf "- a tenth of the large tracker (%d entries, %.1f MB): check %.3f s; 10× the entries costs %.1f× the time (target ≤ 11×): %s\n", n/10, szt/1e6, st, s/st, (s/st <= 11) ? "met" : "MISSED"
  printf "- on the large tracker: status %.2f s, status --as-of %.2f s, check --base %.2f s (target < 1 s each): %s\n", stat, asof, base, (stat < 1 && asof < 1 && base < 1) ? "met" : "MISSED" }'

# One small tracker from process start, schema compilation included.
read -r s_small _ < <(measure $((runs * 4)) "$bin" check "$root/tracker")
awk -v s="$s_small" 'BEGIN {
  printf "- rectrack check tracker/ (the shipped tracker): %.1f ms wall from process start (target < 10 ms): %s\n", s * 1000, (s < 0.010) ? "met" : "MISSED" }'
