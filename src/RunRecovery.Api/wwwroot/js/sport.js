// Small sport pictograms (SVG paths, decorative: the sport is also written as text next to them).
const SVG = 'http://www.w3.org/2000/svg';

const paths = {
  // A running figure.
  running: 'M13.5 5.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM9.8 8.9 7 23h2.1l1.8-8 2.1 2v6h2v-7.5l-2.1-2 .6-3A7.3 7.3 0 0 0 19 13v-2c-1.9 0-3.5-1-4.3-2.4l-1-1.6c-.4-.6-1-1-1.7-1-.3 0-.5.1-.8.1L6 8.3V13h2V9.6l1.8-.7',
  // A bicycle.
  cycling: 'M5 20.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zm0-8.5a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm14 8.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zm0-8.5a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM10.8 10.5 13 8.3l.8.8a7 7 0 0 0 5.2 2.2V9.5c-1.6 0-2.9-.6-3.9-1.6l-1.9-1.9c-.5-.4-1-.6-1.6-.6s-1.1.2-1.4.6L7.4 8.8c-.4.4-.6.9-.6 1.4 0 .6.2 1.1.6 1.4L11 14v5h2v-6.2zM16 5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  // A walker.
  walking: 'M13.5 5.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM9.8 8.9 7 23h2.1l1.8-8 2.1 2v6h2v-7.5l-2.1-2 .6-3A7.3 7.3 0 0 0 19 13v-2c-1.9 0-3.5-1-4.3-2.4l-1-1.6c-.4-.6-1-1-1.7-1-.3 0-.5.1-.8.1L6 8.3V13h2V9.6l1.8-.7',
  other: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 4a6 6 0 1 1 0 12 6 6 0 0 1 0-12z',
};

export function sportIcon(sport) {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '18');
  icon.setAttribute('height', '18');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('class', 'sport-icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', paths[sport] ?? (sport === 'hiking' || sport === 'walking' ? paths.walking : paths.other));
  path.setAttribute('fill', 'currentColor');
  icon.append(path);
  return icon;
}
