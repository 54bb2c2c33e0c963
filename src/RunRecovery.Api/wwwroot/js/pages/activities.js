import { api, el, extras, formatDate, formatDuration, formatKm, formatNumber, startPage, status, words } from '../common.js';

let cursor = null;

async function loadPage() {
  const query = new URLSearchParams({ limit: '20' });
  if (cursor) query.set('cursor', cursor);
  const page = await api(`/api/activities?${query}`);
  const details = await Promise.all(page.items.map(item => api(`/api/activities/${encodeURIComponent(item.id)}`).catch(() => null)));
  const body = document.querySelector('#activities tbody');
  page.items.forEach((item, i) => {
    const extra = extras(details[i]);
    const link = el('a', { href: `/activity.html?id=${encodeURIComponent(item.id)}`, text: formatDate(item.startUtc ?? item.uploadedAt) });
    body.append(el('tr', {},
      el('td', {}, link),
      el('td', { class: 'name', text: item.fileName ?? '—' }),
      el('td', { text: words(item.sport) }),
      el('td', { text: formatKm(item.distanceMeters) }),
      el('td', { text: formatDuration(item.movingSeconds ?? item.elapsedSeconds) }),
      el('td', { text: formatNumber(extra.ascent, 0, ' m') }),
      el('td', { text: formatNumber(extra.avgHr, 0) }),
      el('td', { text: item.scoringState === 'scored' ? formatNumber(extra.load, 0) : words(item.scoringState) })));
  });
  if (body.children.length === 0) status('No activities yet: upload some on the Upload page.');
  cursor = page.nextCursor;
  document.getElementById('more').hidden = !cursor;
}

startPage(async () => {
  document.getElementById('more').addEventListener('click', () => loadPage().catch(error => status(error.message, true)));
  await loadPage();
});
