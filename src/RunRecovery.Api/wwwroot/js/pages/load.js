import { api, el, startPage } from '../common.js';
import { barList, chart } from '../charts.js';
import { words } from '../format.js';

const groups = ['calves', 'shins', 'quadriceps', 'hamstrings', 'glutes'];
const DAY_MS = 24 * 3600 * 1000;

startPage(async () => {
  const report = await api('/api/runners/me/load?days=90');
  // Always 90 days ending today (the runner's local dates, as the API gives them), so a short history still reads
  // as a time line; days without data are empty.
  const byDate = new Map(report.days.map(day => [day.date, day]));
  const last = report.days.length ? new Date(`${report.days[report.days.length - 1].date}T00:00:00Z`) : new Date(report.asOfUtc);
  const days = [];
  for (let i = 89; i >= 0; i--) {
    const date = new Date(last.getTime() - i * DAY_MS).toISOString().slice(0, 10);
    days.push(byDate.get(date) ?? { date, load: 0, acute: null, chronic: null, ratio: null });
  }
  const dateLabel = options => day => new Date(`${day.date}T00:00:00Z`).toLocaleDateString(undefined, { ...options, timeZone: 'UTC' });
  const target = document.getElementById('load-chart');
  if (days.every(day => !day.load)) {
    target.replaceChildren(el('p', { class: 'empty' }, 'No training load yet. ', el('a', { href: '/upload.html', text: 'Upload your first run' }), ' and the chart fills in.'));
  } else {
    const figure = value => (Math.round(value * 10) / 10).toString();
    chart(target, {
      title: 'Training load, last 90 days',
      description: `Daily load as bars with the acute and chronic load lines; the shaded band is an acute-to-chronic ratio of 0.8 to 1.3. Today the ratio is ${report.current.ratio ?? 'not yet known'} and readiness is ${words(report.current.readiness)}.`,
      labels: days.map(dateLabel({ month: 'short', day: 'numeric' })),
      tooltipLabels: days.map(dateLabel({ weekday: 'short', month: 'short', day: 'numeric' })),
      bars: { name: 'Load', values: days.map(day => day.load), color: '#7aa6d6', format: figure },
      lines: [
        { name: 'Acute', values: days.map(day => day.acute), color: '#a4161a', format: figure },
        { name: 'Chronic', values: days.map(day => day.chronic), color: '#0b5cad', format: figure },
      ],
      right: { band: { from: 0.8, to: 1.3 }, lines: [{ name: 'Ratio', values: days.map(day => day.ratio), color: '#1b1f24', width: 1.5, dash: '4 3', format: v => v.toFixed(2) }] },
    });
  }

  const since = new Date(new Date(report.asOfUtc).getTime() - 7 * DAY_MS).toISOString();
  const page = await api(`/api/activities?from=${encodeURIComponent(since)}&limit=100`);
  const totals = Object.fromEntries(groups.map(group => [group, 0]));
  const details = await Promise.all(page.items.map(item => api(`/api/activities/${encodeURIComponent(item.id)}`)));
  for (const detail of details) {
    for (const load of Array.isArray(detail.loads) ? detail.loads : []) {
      for (const group of groups) totals[group] += load.muscleLoad?.[group] ?? 0;
    }
  }
  const muscles = document.getElementById('muscle-chart');
  if (details.length === 0 || groups.every(group => totals[group] === 0)) {
    muscles.replaceChildren(el('p', { class: 'empty', text: 'No scored activity in the last 7 days.' }));
    return;
  }
  barList(muscles, {
    title: 'Muscle-group load, last 7 days',
    description: groups.map(group => `${group} ${totals[group].toFixed(1)}`).join(', '),
    items: groups.map(group => ({ label: group, value: totals[group] })),
  });
});
