#!/usr/bin/env bash
# Regenerates the dashboard screenshots shown in docs/dashboard.md (docs/screenshots/*.png): runs the browser test
# that visits every page at 390 x 844 and 1280 x 800 (and the Today page's session timer test) with RUNRECOVERY_DOC_SCREENSHOTS pointing at docs/screenshots,
# then shrinks the PNGs with pngquant when it is installed (apt-get install pngquant). Needs what the tests need
# (chromium, PostgreSQL binaries or RUNRECOVERY_TEST_DB). The map in them has no tiles: the tests run offline and
# answer tile requests with a grey square.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$PWD/docs/screenshots"
mkdir -p "$OUT"
RUNRECOVERY_DOC_SCREENSHOTS="$OUT" dotnet test tests/RunRecovery.Web.Tests --filter "FullyQualifiedName~EveryPageLayoutTests|FullyQualifiedName~TodayPageTests"
if command -v pngquant >/dev/null; then
    pngquant --force --skip-if-larger --quality 70-95 --strip --ext .png "$OUT"/*.png || true
fi
ls -l "$OUT"
