// The route on a map: Leaflet (vendored under /lib/leaflet, loaded as a classic script by activity.html) draws the
// track as an SVG polyline over raster tiles from the configured tile server (RunRecovery:Map:TileUrl; "Off" for
// none). The track is drawn whether or not a tile ever arrives, so it also shows offline. See docs/dashboard.md.
import { el } from './dom.js';

const ROUTE_COLOR = '#0b5cad';

/** The positions of a sample series as [lat, lon] pairs, dropping the buckets without one. */
export function positions(samples) {
  const lat = samples.latitudeDegrees ?? [];
  const lon = samples.longitudeDegrees ?? [];
  const points = [];
  for (let i = 0; i < lat.length; i++) {
    if (Number.isFinite(lat[i]) && Number.isFinite(lon[i])) points.push([lat[i], lon[i]]);
  }
  return points;
}

/** An attribution line in the map's corner built from text (Leaflet's own control would set it as HTML). */
function attributionControl(L, config) {
  const Control = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd() {
      const box = el('div', { class: 'leaflet-control-attribution leaflet-control map-attribution' });
      if (config.attributionUrl) box.append(el('a', { href: config.attributionUrl, rel: 'noopener', target: '_blank', text: config.attribution }));
      else box.textContent = config.attribution;
      return box;
    },
  });
  return new Control();
}

/**
 * Draws the route into container; returns false (and draws nothing) when there are fewer than two positions, so
 * the page can hide the whole section instead of showing an empty box.
 */
export function routeMap(container, points, config) {
  const L = window.L;
  if (points.length < 2 || !L) return false;
  const tiles = config?.tileUrl ?? null;
  container.classList.toggle('plain', !tiles);
  const map = L.map(container, {
    attributionControl: false,
    scrollWheelZoom: false, // the page scrolls; zoom with the buttons or two fingers
    zoomSnap: 0.25,
  });
  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: config.maxZoom ?? 19,
      // The page itself sends no Referer; tile servers such as OpenStreetMap's ask for one (their usage policy).
      referrerPolicy: 'strict-origin-when-cross-origin',
    }).addTo(map);
    if (config.attribution) attributionControl(L, config).addTo(map);
  }
  const line = L.polyline(points, { color: ROUTE_COLOR, weight: 4, opacity: 0.9, className: 'route-line', interactive: false }).addTo(map);
  L.circleMarker(points[0], { radius: 6, color: '#ffffff', weight: 2, fillColor: '#1e6b35', fillOpacity: 1, className: 'route-start', interactive: false }).addTo(map);
  L.circleMarker(points[points.length - 1], { radius: 6, color: '#ffffff', weight: 2, fillColor: '#a4161a', fillOpacity: 1, className: 'route-finish', interactive: false }).addTo(map);
  map.fitBounds(line.getBounds(), { padding: [16, 16] });
  if ('ResizeObserver' in window) new ResizeObserver(() => map.invalidateSize()).observe(container);
  return true;
}
