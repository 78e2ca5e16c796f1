#!/usr/bin/env bash
# The shell steps of the composite GitHub Action (action.yml at the repository root).
# action.yml runs `action.sh PHASE` and passes its inputs through the environment only
# (INPUT_BASE, INPUT_PATHS), never as text interpolated into a `run:` line, so a branch
# name or input cannot become shell code. tests/integration/action.rs runs every phase
# locally against a scratch repository.
#
#   prepare  names the install folder and the cache key (in $GITHUB_OUTPUT: root, key),
#            and puts the folder's bin/ on the job's PATH (for the steps after the action)
#   install  builds rectrack from the action's own checkout into that folder (a cache miss)
#   check    `rectrack check --base` with annotations, then `rectrack diff --format
#            markdown` into the job summary (even when the check fails); exits with the
#            check's status (0 valid, 1 invalid, 2 usage or I/O error)
#
# Inputs (environment):
#   INPUT_BASE   the revision to compare with; empty: origin/$GITHUB_BASE_REF (the pull
#                request's base branch). One that starts with `-` is refused.
#   INPUT_PATHS  tracker files or folders, ONE PER LINE (a path may hold spaces; blank
#                lines are skipped, each line's surrounding blanks trimmed); no globbing,
#                no expansion; empty: rectrack's default (`tracker`).
set -euo pipefail

phase=${1:-}
action_path=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
# Outside the workspace, so the checked paths never see it, and stable between runs,
# so actions/cache restores it where it saved it.
root=${HOME:?}/.cache/rectrack-action

# escape TEXT: TEXT as the data of a workflow command (GitHub's own escaping: %, CR,
# LF), so a hostile input printed in a message cannot start a command of its own.
escape() {
  local s=${1//%/%25}
  s=${s//$'\r'/%0D}
  s=${s//$'\n'/%0A}
  printf '%s' "$s"
}

# fail CODE MESSAGE: an error annotation, the message in the job summary, exit CODE.
# MESSAGE never holds an input's text (the summary is Markdown, not escaped here).
fail() {
  echo "::error title=rectrack action::$(escape "$2")"
  summary "**rectrack**: $2"
  exit "$1"
}

# summary TEXT: appended to the job summary, or printed when there is none (a local run).
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '%s\n' "$1" >>"$GITHUB_STEP_SUMMARY"
  else
    printf 'Job summary (GITHUB_STEP_SUMMARY is not set):\n%s\n' "$1"
  fi
}

# The cache key: rectrack's version and a hash of the action's files (target/ and .git
# aside), so a moved tag such as v0 builds afresh, and the runner's OS and architecture.
cache_key() {
  local version digest
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)
  digest=$(cd "$action_path" \
    && find . \( -name target -o -name .git \) -prune -o -type f -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  printf 'rectrack-action-%s-%s-%s-%s' "${version:-unknown}" "$digest" \
    "${RUNNER_OS:-$(uname -s)}" "${RUNNER_ARCH:-$(uname -m)}"
}

case $phase in
prepare)
  out=${GITHUB_OUTPUT:-/dev/stdout}
  printf 'root=%s\nkey=%s\n' "$root" "$(cache_key)" >>"$out"
  # Later steps of the job can run `rectrack` too.
  if [ -n "${GITHUB_PATH:-}" ]; then
    printf '%s\n' "$root/bin" >>"$GITHUB_PATH"
  fi
  ;;
install)
  command -v cargo >/dev/null 2>&1 \
    || fail 2 "cargo is not installed: the action builds rectrack once per version (then caches it); install Rust first, e.g. with rustup"
  cargo install --locked --root "$root" --path "$action_path" rectrack
  ;;
check)
  rectrack=$root/bin/rectrack
  [ -x "$rectrack" ] || fail 2 "rectrack is not installed in $root (did the install step run?)"

  base=${INPUT_BASE:-}
  if [ -z "$base" ]; then
    [ -n "${GITHUB_BASE_REF:-}" ] \
      || fail 2 "no base to compare with: outside a pull request, set the action's \`base:\` input"
    base=origin/$GITHUB_BASE_REF
  fi
  # git refuses ref names that start with `-`; as an argument one would be an option.
  case $base in
  -*) fail 2 "the base to compare with starts with \`-\`: give a branch, tag or commit" ;;
  esac
  case $base in
  *$'\n'* | *$'\r'*) fail 2 "the base to compare with holds a line break: give a branch, tag or commit" ;;
  esac

  paths=()
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    # Trim surrounding blanks without word splitting or globbing.
    line=${line#"${line%%[![:space:]]*}"}
    line=${line%"${line##*[![:space:]]}"}
    [ -n "$line" ] && paths+=("$line")
  done <<<"${INPUT_PATHS:-}"

  # A shallow clone has no merge base to compare with: say what to change.
  if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ] \
    && ! git merge-base --end-of-options "$base" HEAD >/dev/null 2>&1; then
    fail 2 "the checkout is shallow and lacks the base or its merge base with HEAD: set \`fetch-depth: 0\` on actions/checkout"
  fi

  status=0
  "$rectrack" check --color never --format github --base="$base" -- ${paths[@]+"${paths[@]}"} || status=$?
  if [ "$status" -ge 2 ]; then
    # Not a finding (those are annotated): a usage or I/O error, said in the log above.
    echo "::error title=rectrack action::rectrack check could not run (exit $status): see the log above"
  fi

  # The summary is written whatever the check said: it shows what was refused and why.
  diff_out=$(mktemp)
  trap 'rm -f "$diff_out"' EXIT
  diff_status=0
  "$rectrack" diff --color never --format markdown -- "$base" ${paths[@]+"${paths[@]}"} >"$diff_out" \
    || diff_status=$?
  if [ "$diff_status" -eq 0 ]; then
    summary "$(cat "$diff_out")"
  else
    summary "**rectrack diff** failed (exit $diff_status): see the job's log."
  fi
  if [ "$status" -eq 0 ]; then
    status=$diff_status
  fi
  exit "$status"
  ;;
*)
  echo "usage: $0 prepare|install|check" >&2
  exit 2
  ;;
esac
