import { api, el, extras, formatDate, formatDuration, formatKm, formatNumber, startPage, status, words } from '../common.js';
import { chart } from '../charts.js';
import { recommendationCard } from '../recommendations.js';

function stat(term, value) {
  return el('div', { class: 'stat' }, el('dt', { text: term }), el('dd', { text: value }));
}

function minutes(offsets) {
  return offsets.map(seconds => `${Math.round(seconds / 60)} min`);
}

function paceLabel(minutesPerKm) {
  const whole = Math.floor(minutesPerKm);
  return `${whole}:${String(Math.round((minutesPerKm - whole) * 60)).padStart(2, '0')}`;
}

function place(id, node, empty) {
  const target = document.getElementById(id);
  target.replaceChildren(node ?? el('p', { class: 'muted', text: empty }));
}

startPage(async () => {
  const id = new URLSearchParams(window.location.search).get('id');
  if (!id) {
    status('No activity chosen: open one from the Activities page.', true);
    return;
  }
  const detail = await api(`/api/activities/${encodeURIComponent(id)}`);
  const activity = detail.activity;
  const extra = extras(detail);
  document.getElementById('title').textContent = `${words(activity.sport)} on ${formatDate(activity.startUtc ?? activity.uploadedAt)}`;
  document.title = `${document.getElementById('title').textContent} · RunRecovery`;
  document.getElementById('activity-stats').replaceChildren(
    stat('File', activity.fileName ?? '—'),
    stat('Distance', formatKm(activity.distanceMeters)),
    stat('Time', formatDuration(activity.movingSeconds ?? activity.elapsedSeconds)),
    stat('Ascent', formatNumber(extra.ascent, 0, ' m')),
    stat('Avg HR', formatNumber(extra.avgHr, 0, ' bpm')),
    stat('Load', formatNumber(extra.load, 0)),
    stat('Recovery', formatNumber(activity.recoveryHours, 1, ' h')),
    stat('Scoring', words(detail.scoring.state)));

  const [samples, recommendations] = await Promise.all([
    api(`/api/activities/${encodeURIComponent(id)}/samples?every=30s`),
    api('/api/runners/me/recommendations'),
  ]);
  const labels = minutes(samples.offsetSeconds);
  // Slower than 15 min/km is standing or walking: left out so the running pace stays readable.
  const pace = samples.speedMetersPerSecond.map(speed => (speed && speed > 1000 / 900 ? 1000 / speed / 60 : null));
  const has = values => values.some(v => v !== null && v !== undefined);
  place('pace-chart', has(pace) ? chart({ title: 'Pace', description: 'Pace in minutes per kilometre over the activity, every 30 seconds.', labels, zeroBased: false, format: paceLabel, lines: [{ values: pace, color: '#0b5cad' }] }) : null, 'No speed recorded.');
  place('hr-chart', has(samples.heartRateBpm) ? chart({ title: 'Heart rate', description: 'Heart rate in beats per minute over the activity.', labels, zeroBased: false, lines: [{ values: samples.heartRateBpm, color: '#a4161a' }] }) : null, 'No heart rate recorded.');
  place('elevation-chart', has(samples.altitudeMeters) ? chart({ title: 'Elevation', description: 'Altitude in metres over the activity.', labels, zeroBased: false, lines: [{ values: samples.altitudeMeters, color: '#1e6b35' }] }) : null, 'No altitude recorded.');

  const mine = recommendations.filter(rec => rec.activityId === id);
  const list = document.getElementById('recommendations');
  list.replaceChildren(...mine.map(rec => recommendationCard(rec)));
  if (mine.length === 0) list.append(el('li', { class: 'muted', text: detail.scoring.state === 'scored' ? 'None.' : 'Not scored yet.' }));
});
