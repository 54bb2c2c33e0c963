import { api, el, extras, startPage, status } from '../common.js';
import { formatDate, formatDistance, formatDuration, formatNumber, formatPace, words } from '../format.js';
import { sportIcon } from '../sport.js';

let cursor = null;

// The activity's name first; the file it came from as secondary text (issue 15).
function nameParts(item) {
  const name = item.name ?? item.fileName ?? words(item.sport);
  return [
    el('span', { class: 'activity-name', text: name }),
    item.fileName && item.fileName !== name ? el('span', { class: 'source-file', text: item.fileName }) : null,
  ];
}

function row(item, extra, href) {
  return el('tr', {},
    el('td', {}, el('a', { href, text: formatDate(item.startUtc ?? item.uploadedAt) })),
    el('td', { class: 'name' }, nameParts(item)),
    el('td', {}, sportIcon(item.sport), ' ', words(item.sport)),
    el('td', { class: 'num', text: formatDistance(item.distanceMeters) }),
    el('td', { class: 'num', text: formatDuration(item.movingSeconds ?? item.elapsedSeconds) }),
    el('td', { class: 'num', text: formatPace(extra.pace) }),
    el('td', { class: 'num', text: formatNumber(extra.avgHr, 0) }),
    el('td', { class: 'num', text: item.scoringState === 'scored' ? formatNumber(extra.load, 0) : words(item.scoringState) }));
}

function card(item, extra, href) {
  const load = item.scoringState === 'scored' ? `load ${formatNumber(extra.load, 0)}` : words(item.scoringState);
  return el('li', { class: 'activity-card' },
    el('a', { href, class: 'card-link' },
      el('span', { class: 'when' }, sportIcon(item.sport), el('span', { class: 'sr-only', text: `${words(item.sport)}, ` }), formatDate(item.startUtc ?? item.uploadedAt)),
      el('span', { class: 'name' }, nameParts(item))),
    el('span', { class: 'figures' },
      el('span', { text: formatDistance(item.distanceMeters) }),
      el('span', { text: formatDuration(item.movingSeconds ?? item.elapsedSeconds) }),
      el('span', { text: formatPace(extra.pace) }),
      el('span', { text: load })));
}

async function loadPage() {
  const query = new URLSearchParams({ limit: '20' });
  if (cursor) query.set('cursor', cursor);
  const page = await api(`/api/activities?${query}`);
  const details = await Promise.all(page.items.map(item => api(`/api/activities/${encodeURIComponent(item.id)}`).catch(() => null)));
  const body = document.querySelector('#activities tbody');
  const cards = document.getElementById('activity-cards');
  page.items.forEach((item, i) => {
    const extra = extras(details[i]);
    const href = `/activity.html?id=${encodeURIComponent(item.id)}`;
    body.append(row(item, extra, href));
    cards.append(card(item, extra, href));
  });
  const empty = body.children.length === 0;
  document.getElementById('empty').hidden = !empty;
  document.getElementById('list').hidden = empty;
  if (!empty) status('');
  cursor = page.nextCursor;
  document.getElementById('more').hidden = !cursor;
}

startPage(async () => {
  document.getElementById('more').addEventListener('click', () => loadPage().catch(error => status(error.message, true)));
  await loadPage();
});
