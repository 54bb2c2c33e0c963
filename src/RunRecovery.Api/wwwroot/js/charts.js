// Small hand-made SVG charts (no library, nothing inline: colours are attributes, sizes are numbers).
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

function text(x, y, content, anchor = 'middle') {
  const node = svg('text', { x, y, 'text-anchor': anchor });
  node.textContent = content;
  return node;
}

function plain(value) {
  return (Math.round(value * 10) / 10).toString();
}

function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 4, 8, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * A chart over an index axis: optional bars and lines on the left axis, optional lines and a shaded band on the
 * right axis. Returns an <svg role="img"> with a title and a description for screen readers.
 */
export function chart({ title, description, labels, bars, lines = [], right, height = 240, zeroBased = true, format = plain }) {
  const width = 720;
  const pad = { left: 48, right: right ? 48 : 12, top: 12, bottom: 28 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const n = labels.length;
  const leftValues = [...(bars?.values ?? []), ...lines.flatMap(line => line.values)].filter(v => v !== null && v !== undefined);
  let leftMin = Math.min(0, ...leftValues);
  if (!zeroBased && leftValues.length) {
    // Start near the lowest value, on a round number, so a heart-rate or altitude trace fills the chart.
    const low = Math.min(...leftValues);
    const span = niceMax(Math.max(...leftValues) - low || 1);
    leftMin = Math.floor(low / (span / 4)) * (span / 4);
  }
  const leftMax = niceMax(Math.max(...leftValues, leftMin + 1) - leftMin) + leftMin;
  const x = i => pad.left + (n <= 1 ? plotW / 2 : (i + 0.5) * (plotW / n));
  const yLeft = v => pad.top + plotH - ((v - leftMin) / (leftMax - leftMin || 1)) * plotH;

  const id = `chart-${Math.random().toString(36).slice(2)}`;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d` });
  const titleNode = svg('title', { id: `${id}-t` });
  titleNode.textContent = title;
  const descNode = svg('desc', { id: `${id}-d` });
  descNode.textContent = description;
  root.append(titleNode, descNode);

  let yRight = null;
  if (right) {
    const rightValues = [...right.lines.flatMap(line => line.values), right.band?.to ?? 0].filter(v => v !== null && v !== undefined);
    const rightMax = niceMax(Math.max(...rightValues, 0));
    yRight = v => pad.top + plotH - (v / rightMax) * plotH;
    if (right.band) {
      root.append(svg('rect', { x: pad.left, width: plotW, y: yRight(right.band.to), height: Math.max(0, yRight(right.band.from) - yRight(right.band.to)), fill: '#dcefdc' }));
    }
    for (let k = 0; k <= 4; k++) {
      const v = (rightMax / 4) * k;
      root.append(text(width - pad.right + 6, yRight(v) + 4, plain(v), 'start'));
    }
  }

  for (let k = 0; k <= 4; k++) {
    const v = leftMin + ((leftMax - leftMin) / 4) * k;
    const y = yLeft(v);
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, stroke: '#e3e8ee' }));
    root.append(text(pad.left - 6, y + 4, format(v), 'end'));
  }

  if (bars) {
    const w = Math.min(24, Math.max(1, (plotW / Math.max(n, 1)) * 0.7));
    bars.values.forEach((v, i) => {
      if (!v) return;
      const y = yLeft(Math.max(v, 0));
      root.append(svg('rect', { x: x(i) - w / 2, y, width: w, height: Math.max(0, yLeft(0) - y), fill: bars.color ?? '#7aa6d6' }));
    });
  }

  const drawLine = (line, scale) => {
    let d = '';
    let pen = false;
    const has = i => line.values[i] !== null && line.values[i] !== undefined;
    line.values.forEach((v, i) => {
      if (!has(i)) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${scale(v).toFixed(1)}`;
      pen = true;
      // A point with no neighbour would be invisible as a path: mark it with a dot.
      if (!has(i - 1) && !has(i + 1)) root.append(svg('circle', { cx: x(i), cy: scale(v), r: 3, fill: line.color }));
    });
    if (d) root.append(svg('path', { d, fill: 'none', stroke: line.color, 'stroke-width': line.width ?? 2, 'stroke-dasharray': line.dash ?? 'none' }));
  };
  lines.forEach(line => drawLine(line, yLeft));
  if (right) right.lines.forEach(line => drawLine(line, yRight));

  const every = Math.max(1, Math.ceil(n / 6));
  labels.forEach((label, i) => {
    if (i % every === 0) root.append(text(x(i), height - 8, label));
  });
  root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: yLeft(0), y2: yLeft(0), stroke: '#6b7685' }));
  return root;
}

/** Horizontal bars with their values written beside them. */
export function barList({ title, description, items, unit = '' }) {
  const width = 720;
  const row = 30;
  const height = items.length * row + 12;
  const max = niceMax(Math.max(...items.map(item => item.value), 0));
  const id = `chart-${Math.random().toString(36).slice(2)}`;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d` });
  const titleNode = svg('title', { id: `${id}-t` });
  titleNode.textContent = title;
  const descNode = svg('desc', { id: `${id}-d` });
  descNode.textContent = description;
  root.append(titleNode, descNode);
  items.forEach((item, i) => {
    const y = 6 + i * row;
    root.append(text(110, y + 18, item.label, 'end'));
    const w = (item.value / max) * (width - 240);
    root.append(svg('rect', { x: 120, y: y + 4, width: Math.max(0, w), height: row - 10, fill: '#0b5cad' }));
    root.append(text(126 + Math.max(0, w), y + 18, `${item.value.toFixed(1)}${unit}`, 'start'));
  });
  return root;
}
