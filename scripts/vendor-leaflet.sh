#!/usr/bin/env bash
# Refreshes the Leaflet files the dashboard serves itself (src/RunRecovery.Api/wwwroot/lib/leaflet) from the npm
# registry, with npm's own client: `npm pack` of one pinned version, checked against the registry's integrity
# hash, then the built files (dist/leaflet.js, dist/leaflet.css, dist/images) and the licence copied in.
# Nothing else of the package is kept; a fresh clone needs no npm to build, run or test (ADR
# docs/decisions/dashboard-vendored-leaflet.md).
#
# Usage: scripts/vendor-leaflet.sh [VERSION]     (default: the version in wwwroot/lib/leaflet/VERSION)
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=src/RunRecovery.Api/wwwroot/lib/leaflet
VERSION="${1:-$(cat "$TARGET/VERSION" 2>/dev/null || echo 1.9.4)}"
command -v npm >/dev/null || { echo "vendor-leaflet: npm is needed to fetch the package" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "leaflet@$VERSION" >/dev/null)
TARBALL="$WORK/leaflet-$VERSION.tgz"
EXPECTED="$(npm view "leaflet@$VERSION" dist.integrity)"
ACTUAL="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
[ "$EXPECTED" = "$ACTUAL" ] || { echo "vendor-leaflet: integrity mismatch ($ACTUAL, registry says $EXPECTED)" >&2; exit 1; }
tar -xzf "$TARBALL" -C "$WORK"

rm -rf "$TARGET"
mkdir -p "$TARGET/images"
cp "$WORK/package/dist/leaflet.js" "$WORK/package/dist/leaflet.css" "$WORK/package/LICENSE" "$TARGET/"
cp "$WORK/package/dist/images/"*.png "$TARGET/images/"
# The source map is not shipped: drop the comment that would make developer tools ask for it.
sed -i '/^\/\/# sourceMappingURL=/d' "$TARGET/leaflet.js"
echo "$VERSION" > "$TARGET/VERSION"
echo "$ACTUAL" > "$TARGET/INTEGRITY"
echo "vendor-leaflet: leaflet $VERSION in $TARGET ($ACTUAL)"
