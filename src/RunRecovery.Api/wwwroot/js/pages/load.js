import { api, el, startPage, words } from '../common.js';
import { barList, chart } from '../charts.js';

const groups = ['calves', 'shins', 'quadriceps', 'hamstrings', 'glutes'];

startPage(async () => {
  const report = await api('/api/runners/me/load?days=90');
  // Always 90 days ending today, so a short history still reads as a time line (days without data are empty).
  const byDate = new Map(report.days.map(day => [day.date, day]));
  const last = report.days.length ? new Date(`${report.days[report.days.length - 1].date}T00:00:00Z`) : new Date(report.asOfUtc);
  const days = [];
  for (let i = 89; i >= 0; i--) {
    const date = new Date(last.getTime() - i * 24 * 3600 * 1000).toISOString().slice(0, 10);
    days.push(byDate.get(date) ?? { date, load: 0, acute: null, chronic: null, ratio: null });
  }
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
