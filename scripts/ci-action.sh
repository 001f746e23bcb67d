#!/usr/bin/env bash
# The body of the composite GitHub Action (action.yml): runs `loopwarden ci` on the pull request, writes
# the PR comment to the job summary and the step's outputs (verdict, exit-code, markdown, junit, sarif).
# It exits 0 once the reports are written, so the SARIF upload can still run; the action's last step
# fails the job by exit-code. Inputs come as INPUT_BASE_REF, INPUT_FAIL_ON, INPUT_SARIF_UPLOAD and
# INPUT_WORKING_DIRECTORY; LOOPWARDEN_COMMAND replaces `npx --yes loopwarden` (a pinned version, a local build).
set -euo pipefail

cd "${INPUT_WORKING_DIRECTORY:-.}"
base="${INPUT_BASE_REF:-${GITHUB_BASE_REF:-}}"
if [ -z "$base" ]; then
  echo "loopwarden: no base to compare with: set the action's base-ref input (GITHUB_BASE_REF is set for pull requests only)" >&2
  exit 2
fi
# actions/checkout leaves the base branch as a remote-tracking ref (with fetch-depth: 0).
if git rev-parse --verify --quiet "origin/$base^{commit}" >/dev/null; then base="origin/$base"; fi

out="${RUNNER_TEMP:-$(mktemp -d)}/loopwarden"
mkdir -p "$out"
read -r -a loopwarden <<<"${LOOPWARDEN_COMMAND:-npx --yes loopwarden}"
args=(ci --base "$base" --fail-on "${INPUT_FAIL_ON:-review-required}" --markdown "$out/loopwarden.md" --junit "$out/loopwarden.junit.xml")
if [ "${INPUT_SARIF_UPLOAD:-false}" = true ]; then args+=(--sarif "$out/loopwarden.sarif"); fi

set +e
"${loopwarden[@]}" "${args[@]}" | tee "$out/summary.txt"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ge 2 ]; then exit "$status"; fi

verdict=$(tail -n 1 "$out/summary.txt" | cut -d ' ' -f 1 | tr '[:upper:]' '[:lower:]')
{
  echo "verdict=$verdict"
  echo "exit-code=$status"
  echo "markdown=$out/loopwarden.md"
  echo "junit=$out/loopwarden.junit.xml"
  if [ "${INPUT_SARIF_UPLOAD:-false}" = true ]; then echo "sarif=$out/loopwarden.sarif"; fi
} >>"${GITHUB_OUTPUT:-/dev/null}"
cat "$out/loopwarden.md" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
