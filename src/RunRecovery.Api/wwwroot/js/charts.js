// Hand-made SVG charts drawn for the width they are given (one SVG unit is one CSS pixel, so labels are a real
// 12 px on a phone and on a laptop), with as many axis labels as fit, and a tooltip that follows a finger, the
// mouse or the arrow keys. Nothing inline: colours are attributes, sizes are numbers.
const SVG = 'http://www.w3.org/2000/svg';
const LABEL_PX = 12; // font size of every label (css .chart text)
const CHAR_PX = 7; // rough width of one 12 px character, to decide how many labels fit

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
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Round ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering the values, at most about maxTicks intervals. */
function niceScale(values, { zeroBased, maxTicks, include = [] }) {
  const all = [...values, ...include];
  let low = all.length ? Math.min(...all) : 0;
  let high = all.length ? Math.max(...all) : 1;
  if (zeroBased) low = Math.min(0, low);
  if (high - low < 1e-9) high = low + 1;
  const step = niceMax((high - low) / maxTicks);
  low = Math.floor(low / step + 1e-9) * step;
  high = Math.ceil(high / step - 1e-9) * step;
  const ticks = [];
  for (let v = low; v <= high + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { min: low, max: high, ticks };
}

const present = value => value !== null && value !== undefined && !Number.isNaN(value);

function titled(width, height, title, description) {
  const id = `chart-${Math.random().toString(36).slice(2)}`;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d`,
  });
  const titleNode = svg('title', { id: `${id}-t` });
  titleNode.textContent = title;
  const descNode = svg('desc', { id: `${id}-d` });
  descNode.textContent = description;
  root.append(titleNode, descNode);
  return root;
}

/**
 * Draws into container now and again whenever its width changes. draw(width) returns the SVG for that width.
 */
function responsive(container, draw) {
  let drawnFor = -1;
  const render = () => {
    const width = Math.max(240, Math.floor(container.clientWidth));
    if (width === drawnFor) return;
    drawnFor = width;
    container.replaceChildren(draw(width));
  };
  render();
  if ('ResizeObserver' in window) new ResizeObserver(render).observe(container);
}

/**
 * A chart over an index axis, drawn into container: optional bars and lines on the left axis, optional lines and a
 * shaded band on the right axis. Series carry a name and a format for the tooltip. The SVG has role="img", a title
 * and a description for screen readers.
 */
export function chart(container, spec) {
  responsive(container, width => drawChart(spec, width));
}

function drawChart({ title, description, labels, bars, lines = [], right, zeroBased = true, format = plain, tooltipLabels }, width) {
  const narrow = width < 560;
  const height = narrow ? 210 : 260;
  const n = labels.length;
  const maxTicks = narrow ? 3 : 4;
  const leftValues = [...(bars?.values ?? []), ...lines.flatMap(line => line.values)].filter(present);
  const left = niceScale(leftValues, { zeroBased, maxTicks });
  const leftWidth = Math.max(...left.ticks.map(v => format(v).length)) * CHAR_PX + 10;
  const rightScale = right
    ? niceScale(right.lines.flatMap(line => line.values).filter(present), { zeroBased: true, maxTicks, include: right.band ? [right.band.to] : [] })
    : null;
  const pad = {
    left: leftWidth,
    right: rightScale ? Math.max(...rightScale.ticks.map(v => plain(v).length)) * CHAR_PX + 10 : 12,
    top: 10,
    bottom: LABEL_PX + 14,
  };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / Math.max(n, 1);
  const x = i => pad.left + (n <= 1 ? plotW / 2 : (i + 0.5) * step);
  const yLeft = v => pad.top + plotH - ((v - left.min) / (left.max - left.min || 1)) * plotH;
  const yRight = v => pad.top + plotH - ((v - (rightScale?.min ?? 0)) / ((rightScale?.max ?? 1) - (rightScale?.min ?? 0) || 1)) * plotH;

  const root = titled(width, height, title, description);
  if (right?.band) {
    root.append(svg('rect', { x: pad.left, width: plotW, y: yRight(right.band.to), height: Math.max(0, yRight(right.band.from) - yRight(right.band.to)), fill: '#dcefdc' }));
  }
  for (const v of left.ticks) {
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: yLeft(v), y2: yLeft(v), stroke: '#e3e8ee' }));
    root.append(text(pad.left - 6, yLeft(v) + 4, format(v), 'end'));
  }
  for (const v of rightScale?.ticks ?? []) root.append(text(width - pad.right + 6, yRight(v) + 4, plain(v), 'start'));

  if (bars) {
    const w = Math.min(24, Math.max(1, step * 0.7));
    bars.values.forEach((v, i) => {
      if (!v) return;
      const y = yLeft(Math.max(v, 0));
      root.append(svg('rect', { x: x(i) - w / 2, y, width: w, height: Math.max(0, yLeft(0) - y), fill: bars.color ?? '#7aa6d6' }));
    });
  }

  const drawLine = (line, scale) => {
    let d = '';
    let pen = false;
    const has = i => present(line.values[i]);
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
  right?.lines.forEach(line => drawLine(line, yRight));

  // As many x labels as fit side by side, evenly spread.
  const longest = Math.max(1, ...labels.map(label => String(label).length));
  const fit = Math.max(2, Math.floor(plotW / (longest * CHAR_PX + 16)));
  const every = Math.max(1, Math.ceil(n / fit));
  labels.forEach((label, i) => {
    if (i % every === 0) root.append(text(x(i), height - 8, label));
  });
  root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: yLeft(Math.max(left.min, 0)), y2: yLeft(Math.max(left.min, 0)), stroke: '#6b7685' }));

  const series = [
    ...(bars ? [{ ...bars, scale: yLeft, format: bars.format ?? format }] : []),
    ...lines.map(line => ({ ...line, scale: yLeft, format: line.format ?? format })),
    ...(right?.lines ?? []).map(line => ({ ...line, scale: yRight, format: line.format ?? plain })),
  ];
  addTooltip(root, { n, x, step, pad, plotW, plotH, width, labels: tooltipLabels ?? labels, series });
  return root;
}

/** A guide line and a small box with the values at the index under the pointer (or chosen with the arrow keys). */
function addTooltip(root, { n, x, step, pad, plotW, plotH, width, labels, series }) {
  if (n === 0) return;
  const guide = svg('line', { y1: pad.top, y2: pad.top + plotH, stroke: '#1b1f24', 'stroke-width': 1, visibility: 'hidden', class: 'guide' });
  const box = svg('g', { visibility: 'hidden', class: 'tooltip' });
  const dots = svg('g', { visibility: 'hidden' });
  root.append(guide, dots, box);
  let shown = -1;

  const show = i => {
    shown = Math.max(0, Math.min(n - 1, i));
    const rows = [String(labels[shown])];
    dots.replaceChildren();
    for (const s of series) {
      const v = s.values[shown];
      if (!present(v)) continue;
      rows.push(`${s.name ?? ''}${s.name ? ': ' : ''}${s.format(v)}`);
      dots.append(svg('circle', { cx: x(shown), cy: s.scale(v), r: 4, fill: s.color ?? '#1b1f24', stroke: '#ffffff', 'stroke-width': 1.5 }));
    }
    const boxW = Math.max(...rows.map(row => row.length)) * CHAR_PX + 16;
    const boxH = rows.length * (LABEL_PX + 4) + 10;
    const left = x(shown) + 10 + boxW > width - 4 ? x(shown) - 10 - boxW : x(shown) + 10;
    box.replaceChildren(svg('rect', { x: Math.max(2, left), y: pad.top, width: boxW, height: boxH, rx: 4, fill: '#ffffff', stroke: '#4a5361' }),
      ...rows.map((row, k) => text(Math.max(2, left) + 8, pad.top + 4 + (k + 1) * (LABEL_PX + 4), row, 'start')));
    guide.setAttribute('x1', x(shown));
    guide.setAttribute('x2', x(shown));
    for (const node of [guide, box, dots]) node.setAttribute('visibility', 'visible');
  };
  const hide = () => {
    shown = -1;
    for (const node of [guide, box, dots]) node.setAttribute('visibility', 'hidden');
  };
  const indexAt = event => {
    const rect = root.getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * width;
    return Math.floor((px - pad.left) / step);
  };

  root.setAttribute('tabindex', '0');
  root.addEventListener('pointerdown', event => show(indexAt(event)));
  root.addEventListener('pointermove', event => show(indexAt(event)));
  root.addEventListener('pointerleave', event => { if (event.pointerType === 'mouse') hide(); });
  root.addEventListener('blur', hide);
  root.addEventListener('keydown', event => {
    const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -n, End: n };
    if (event.key === 'Escape') hide();
    else if (event.key in moves) {
      event.preventDefault();
      show(shown < 0 ? (moves[event.key] > 0 ? 0 : n - 1) : shown + moves[event.key]);
    }
  });
  if (plotW <= 0) hide();
}

/** Horizontal bars with their values written beside them, drawn into container for its width. */
export function barList(container, { title, description, items, unit = '' }) {
  responsive(container, width => {
    const row = 32;
    const height = items.length * row + 12;
    const max = niceMax(Math.max(...items.map(item => item.value), 0));
    const labelW = Math.max(...items.map(item => item.label.length)) * CHAR_PX + 12;
    const valueW = 8 * CHAR_PX;
    const root = titled(width, height, title, description);
    items.forEach((item, i) => {
      const y = 6 + i * row;
      root.append(text(labelW - 8, y + 20, item.label, 'end'));
      const w = (item.value / max) * (width - labelW - valueW);
      root.append(svg('rect', { x: labelW, y: y + 5, width: Math.max(0, w), height: row - 10, fill: '#0b5cad' }));
      root.append(text(labelW + Math.max(0, w) + 6, y + 20, `${item.value.toFixed(1)}${unit}`, 'start'));
    });
    return root;
  });
}
