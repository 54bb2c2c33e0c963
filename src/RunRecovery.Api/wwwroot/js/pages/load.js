import { api, el, startPage, words } from '../common.js';
import { barList, chart } from '../charts.js';

const groups = ['calves', 'shins', 'quadriceps', 'hamstrings', 'glutes'];

startPage(async () => {
  const report = await api('/api/runners/me/load?days=90');
  const days = report.days;
  const labels = days.map(day => new Date(`${day.date}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }));
  document.getElementById('load-chart').replaceChildren(chart({
    title: 'Training load, last 90 days',
    description: `Daily load as bars with the acute and chronic load lines; the shaded band is an acute-to-chronic ratio of 0.8 to 1.3. Today the ratio is ${report.current.ratio ?? 'not yet known'} and readiness is ${words(report.current.readiness)}.`,
    labels,
    bars: { values: days.map(day => day.load), color: '#7aa6d6' },
    lines: [
      { values: days.map(day => day.acute), color: '#a4161a' },
      { values: days.map(day => day.chronic), color: '#0b5cad' },
    ],
    right: { band: { from: 0.8, to: 1.3 }, lines: [{ values: days.map(day => day.ratio), color: '#1b1f24', width: 1.5, dash: '4 3' }] },
  }));

  const since = new Date(new Date(report.asOfUtc).getTime() - 7 * 24 * 3600 * 1000).toISOString();
  const page = await api(`/api/activities?from=${encodeURIComponent(since)}&limit=100`);
  const totals = Object.fromEntries(groups.map(group => [group, 0]));
  const details = await Promise.all(page.items.map(item => api(`/api/activities/${encodeURIComponent(item.id)}`)));
  for (const detail of details) {
    for (const load of Array.isArray(detail.loads) ? detail.loads : []) {
      for (const group of groups) totals[group] += load.muscleLoad?.[group] ?? 0;
    }
  }
  const target = document.getElementById('muscle-chart');
  if (details.length === 0 || groups.every(group => totals[group] === 0)) {
    target.replaceChildren(el('p', { class: 'muted', text: 'No scored activity in the last 7 days.' }));
    return;
  }
  target.replaceChildren(barList({
    title: 'Muscle-group load, last 7 days',
    description: groups.map(group => `${group} ${totals[group].toFixed(1)}`).join(', '),
    items: groups.map(group => ({ label: group, value: totals[group] })),
  }));
});
