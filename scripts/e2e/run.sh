#!/usr/bin/env bash
# npm run test:e2e [-- <mocha options, e.g. --grep hints>]
#
# The real-VS-Code tier: provisions code-server (cached outside the repository), builds and
# packages the extension as a .vsix, then runs test/e2e/*.test.ts with mocha. Each suite starts
# its own code-server with the .vsix installed and drives it through Debian's Chromium.
# See test/e2e/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$(date +%s)
step() { printf '== e2e: %s (%d s)\n' "$*" "$(($(date +%s) - started))"; }

step "provisioning code-server"
code_server_dir=$(scripts/e2e/provision-code-server.sh | tail -n 1)
export TCPDUMP_LENS_CODE_SERVER_DIR="$code_server_dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/tcpdump-lens-e2e-vsix.XXXXXX")
trap 'rm -rf "$work"' EXIT

step "building"
npm run --silent build

step "packaging the extension"
# vsce runs the vscode:prepublish script (the production build) itself. The README's relative
# links stay as they are (no repository URL to rewrite them against); --allow-missing-repository
# keeps vsce from asking about the missing repository field.
npx --no-install vsce package --no-dependencies --no-rewrite-relative-links \
  --allow-missing-repository --out "$work/tcpdump-lens.vsix" < /dev/null > "$work/vsce.log" 2>&1 ||
  {
    cat "$work/vsce.log"
    exit 1
  }
grep -E 'DONE|WARNING' "$work/vsce.log" || true
export TCPDUMP_LENS_E2E_VSIX="$work/tcpdump-lens.vsix"
# Leave dist/ as the development build (with source maps) that the other tiers expect.
npm run --silent build

rm -rf test-results/e2e
step "running the code-server tests (screenshots and logs: test-results/e2e/)"
# The reporter (test/support/reporter.ts) ends with the same "N passed, N failed, N skipped" line
# as the other tiers, and adds the counts to $TCPDUMP_LENS_TEST_TALLY when that is set.
status=0
npx --no-install mocha --config test/e2e/.mocharc.json "$@" || status=$?
exit "$status"
