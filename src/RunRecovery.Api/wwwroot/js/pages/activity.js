import { api, el, extras, session, startPage, stat, status } from '../common.js';
import { chart } from '../charts.js';
import {
  distanceUnit, elevationUnit, formatClock, formatDate, formatDistance, formatDuration, formatHeight, formatNumber,
  formatPace, heightValue, imperial, paceMinutes, words,
} from '../format.js';
import { positions, routeMap } from '../map.js';
import { recommendationCard } from '../recommendations.js';

const has = values => values.some(v => v !== null && v !== undefined);

function place(id, draw, empty) {
  const target = document.getElementById(id);
  if (draw) draw(target);
  else target.replaceChildren(el('p', { class: 'muted', text: empty }));
}

function splitsTable(result) {
  const table = document.getElementById('splits');
  const unit = distanceUnit();
  table.querySelector('caption').textContent = `Splits per ${imperial() ? 'mile' : 'kilometre'}`;
  table.querySelector('thead tr').replaceChildren(
    el('th', { scope: 'col', text: unit }),
    el('th', { scope: 'col', class: 'num', text: 'Time' }),
    el('th', { scope: 'col', class: 'num', text: `Pace /${unit}` }),
    el('th', { scope: 'col', class: 'num', text: 'HR' }),
    el('th', { scope: 'col', class: 'num', text: 'Elev' }));
  table.querySelector('tbody').replaceChildren(...result.splits.map(split => {
    const whole = Math.abs(split.distanceMeters - result.splitMeters) < 0.5;
    return el('tr', {},
      el('th', { scope: 'row', text: whole ? String(split.number) : (split.distanceMeters / result.splitMeters).toFixed(2) }),
      el('td', { class: 'num', text: formatDuration(split.movingSeconds) }),
      el('td', { class: 'num', text: formatPace(split.paceSecondsPerKm, false) }),
      el('td', { class: 'num', text: formatNumber(split.averageHeartRateBpm, 0) }),
      el('td', { class: 'num', text: formatHeight(split.elevationChangeMeters, true) }));
  }));
  document.getElementById('splits-section').hidden = result.splits.length === 0;
}

/** A multisport file's legs (swim, transition, ride, run …): hidden for a file of one session ([] from the API). */
function sessionsTable(sessions) {
  const table = document.getElementById('sessions');
  table.querySelector('thead tr').replaceChildren(
    el('th', { scope: 'col', text: '#' }),
    el('th', { scope: 'col', text: 'Sport' }),
    el('th', { scope: 'col', class: 'num', text: 'Time' }),
    el('th', { scope: 'col', class: 'num', text: 'Distance' }),
    el('th', { scope: 'col', class: 'num', text: 'Avg HR' }));
  table.querySelector('tbody').replaceChildren(...sessions.map(s => el('tr', {},
    el('th', { scope: 'row', text: String(s.number) }),
    el('td', { text: words(s.sport) }),
    el('td', { class: 'num', text: formatDuration(s.movingSeconds ?? s.elapsedSeconds) }),
    el('td', { class: 'num', text: formatDistance(s.distanceMeters) }),
    el('td', { class: 'num', text: formatNumber(s.averageHeartRateBpm, 0) }))));
  document.getElementById('sessions-section').hidden = sessions.length < 2;
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
  const when = formatDate(activity.startUtc ?? activity.uploadedAt);
  document.getElementById('title').textContent = activity.name ?? activity.fileName ?? `${words(activity.sport)} on ${when}`;
  document.getElementById('subtitle').textContent = [words(activity.sport), when, activity.fileName].filter(Boolean).join(' · ');
  document.title = `${document.getElementById('title').textContent} · RunRecovery`;
  document.getElementById('activity-stats').replaceChildren(
    stat('Distance', formatDistance(activity.distanceMeters)),
    stat('Time', formatDuration(activity.movingSeconds ?? activity.elapsedSeconds)),
    stat('Pace', formatPace(extra.pace)),
    stat('Ascent', formatHeight(extra.ascent)),
    stat('Avg HR', formatNumber(extra.avgHr, 0, ' bpm')),
    stat('Load', formatNumber(extra.load, 0)),
    stat('Recovery', formatNumber(activity.recoveryHours, 1, ' h')),
    stat('Scoring', words(detail.scoring.state)));
  sessionsTable(detail.sessions ?? []);

  const [samples, splits, recommendations] = await Promise.all([
    api(`/api/activities/${encodeURIComponent(id)}/samples?every=30s`),
    api(`/api/activities/${encodeURIComponent(id)}/splits?unit=${distanceUnit()}`),
    api('/api/runners/me/recommendations'),
  ]);

  // The route, only when the file has positions: no empty box for a treadmill run.
  // (Shown before drawing: Leaflet measures its box to fit the route.)
  const route = document.getElementById('route-section');
  route.hidden = false;
  route.hidden = !routeMap(document.getElementById('route-map'), positions(samples), session.map);

  splitsTable(splits);

  const labels = samples.offsetSeconds.map(seconds => `${Math.round(seconds / 60)} min`);
  const pace = samples.speedMetersPerSecond.map(paceMinutes);
  const height = samples.altitudeMeters.map(heightValue);
  place('pace-chart', has(pace) && (target => chart(target, {
    title: 'Pace',
    description: `Pace in minutes per ${imperial() ? 'mile' : 'kilometre'} over the activity, every 30 seconds (slower than 15 min/km left out).`,
    labels, zeroBased: false, format: formatClock,
    lines: [{ name: `Pace /${distanceUnit()}`, values: pace, color: '#0b5cad' }],
  })), 'No speed recorded.');
  place('hr-chart', has(samples.heartRateBpm) && (target => chart(target, {
    title: 'Heart rate', description: 'Heart rate in beats per minute over the activity.', labels, zeroBased: false,
    lines: [{ name: 'HR', values: samples.heartRateBpm, color: '#a4161a', format: v => `${Math.round(v)} bpm` }],
  })), 'No heart rate recorded.');
  place('elevation-chart', has(height) && (target => chart(target, {
    title: 'Elevation', description: `Altitude in ${imperial() ? 'feet' : 'metres'} over the activity.`, labels, zeroBased: false,
    lines: [{ name: 'Elevation', values: height, color: '#1e6b35', format: v => `${Math.round(v)} ${elevationUnit()}` }],
  })), 'No altitude recorded.');

  const mine = recommendations.filter(rec => rec.activityId === id);
  const list = document.getElementById('recommendations');
  list.replaceChildren(...mine.map(rec => recommendationCard(rec)));
  if (mine.length === 0) list.append(el('li', { class: 'empty', text: detail.scoring.state === 'scored' ? 'None.' : 'Not scored yet.' }));
});
