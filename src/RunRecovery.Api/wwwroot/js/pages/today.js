import { api, el, formatDate, formatNumber, startPage, words } from '../common.js';
import { recommendationCard } from '../recommendations.js';

function stat(term, value) {
  return el('div', { class: 'stat' }, el('dt', { text: term }), el('dd', { text: value }));
}

startPage(async () => {
  const [load, due, upcoming] = await Promise.all([
    api('/api/runners/me/load?days=7'),
    api('/api/runners/me/recommendations?status=due'),
    api('/api/runners/me/recommendations?status=upcoming'),
  ]);
  const current = load.current;
  document.getElementById('today-stats').replaceChildren(
    stat('Readiness', words(current.readiness)),
    stat('Recovery hours left', formatNumber(current.remainingRecoveryHours, 1, ' h')),
    stat('Recovered at', current.recoveredUtc ? formatDate(current.recoveredUtc) : 'now'),
    stat('Acute : chronic', current.ratio === null ? '—' : formatNumber(current.ratio, 2)));

  const dueList = document.getElementById('due');
  dueList.replaceChildren(...due.map(rec => recommendationCard(rec)));
  if (due.length === 0) dueList.append(el('li', { class: 'muted', text: load.scoring.upToDate ? 'Nothing due right now.' : 'Your latest upload is still being scored…' }));
  const upcomingList = document.getElementById('upcoming');
  upcomingList.replaceChildren(...upcoming.slice(0, 6).map(rec => recommendationCard(rec)));
  if (upcoming.length === 0) upcomingList.append(el('li', { class: 'muted', text: 'Nothing planned.' }));
});
