#!/usr/bin/env bash
# Reproduce src/incidentwatch/serve/static/vendor/ from the npm registry.
# The web UI loads nothing from a CDN: these pinned builds are shipped in the package.
# Usage: bash scripts/vendor_frontend.sh   (needs npm; run from the repository root)
set -euo pipefail

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3
UPLOT=1.6.32

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/src/incidentwatch/serve/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "leaflet@$LEAFLET" "leaflet.markercluster@$MARKERCLUSTER" "uplot@$UPLOT" >/dev/null
for f in *.tgz; do mkdir -p "${f%.tgz}" && tar -xzf "$f" -C "${f%.tgz}"; done

rm -rf "$dest" && mkdir -p "$dest/leaflet/images" "$dest/markercluster" "$dest/uplot"
L="leaflet-$LEAFLET/package"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$L/LICENSE" "$dest/leaflet/"
cp "$L"/dist/images/*.png "$dest/leaflet/images/"
M="leaflet.markercluster-$MARKERCLUSTER/package"
cp "$M/dist/leaflet.markercluster.js" "$M/dist/MarkerCluster.css" \
   "$M/dist/MarkerCluster.Default.css" "$M/MIT-LICENCE.txt" "$dest/markercluster/"
U="uplot-$UPLOT/package"
cp "$U/dist/uPlot.iife.min.js" "$U/dist/uPlot.min.css" "$U/LICENSE" "$dest/uplot/"

cat > "$dest/VENDORED.md" <<MD
# Vendored front-end libraries

Copied unmodified from the npm registry by \`scripts/vendor_frontend.sh\` (the versions are
pinned there). Served from the package itself: the UI loads nothing from the internet.

| package | version | licence | files |
|---|---|---|---|
| leaflet | $LEAFLET | BSD-2-Clause (leaflet/LICENSE) | dist/leaflet.js, leaflet.css, images/ |
| leaflet.markercluster | $MARKERCLUSTER | MIT (markercluster/MIT-LICENCE.txt) | dist/leaflet.markercluster.js, MarkerCluster*.css |
| uplot | $UPLOT | MIT (uplot/LICENSE) | dist/uPlot.iife.min.js, uPlot.min.css |
MD
echo "vendored into $dest"
