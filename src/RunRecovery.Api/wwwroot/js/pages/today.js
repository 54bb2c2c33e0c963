import { api, el, startPage, stat } from '../common.js';
import { formatNumber, formatWindow, words } from '../format.js';
import { recommendationCard } from '../recommendations.js';
import { uploadZone } from '../upload-zone.js';

startPage(async () => {
  const [load, due, upcoming, latest] = await Promise.all([
    api('/api/runners/me/load?days=7'),
    api('/api/runners/me/recommendations?status=due'),
    api('/api/runners/me/recommendations?status=upcoming'),
    api('/api/activities?limit=1'),
  ]);

  if (latest.items.length === 0) {
    // Nothing uploaded yet: say what to do next, with the drop zone right here.
    document.getElementById('first-run').hidden = false;
    document.getElementById('plan').hidden = true;
    uploadZone({ onUploaded: () => { document.getElementById('first-run-next').hidden = false; } });
    return;
  }

  const current = load.current;
  document.getElementById('today-stats').replaceChildren(
    stat('Readiness', words(current.readiness)),
    stat('Recovery left now', formatNumber(current.remainingRecoveryHours, 1, ' h')),
    stat('Recovered', current.recoveredUtc ? formatWindow(current.recoveredUtc) : 'now'),
    stat('Acute : chronic', current.ratio === null ? '—' : formatNumber(current.ratio, 2)));

  // Only open items are cards: a withdrawn item (replaced by a newer plan, with its reason) is history, not advice.
  const isOpen = rec => rec.status === 'due' || rec.status === 'upcoming';
  const dueNow = due.filter(isOpen);
  const comingUp = upcoming.filter(isOpen);
  const dueList = document.getElementById('due');
  dueList.replaceChildren(...dueNow.map(rec => recommendationCard(rec)));
  if (dueNow.length === 0) {
    dueList.append(load.scoring.upToDate
      ? el('li', { class: 'empty' }, 'Nothing due right now. After your next run, ', el('a', { href: '/upload.html', text: 'upload it' }),
        ' and your massage session appears here. Sore or in pain? ', el('a', { href: '/checkin.html', text: 'Check in' }), '.')
      : el('li', { class: 'empty', text: 'Your latest upload is still being scored: this page shows its plan in a moment (reload).' }));
  }
  const upcomingList = document.getElementById('upcoming');
  upcomingList.replaceChildren(...comingUp.slice(0, 6).map(rec => recommendationCard(rec)));
  if (comingUp.length === 0) upcomingList.append(el('li', { class: 'empty', text: 'Nothing planned for later yet.' }));
});
