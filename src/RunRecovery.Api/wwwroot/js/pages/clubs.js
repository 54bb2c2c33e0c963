import { api, el, startPage, status, token } from '../common.js';
import { formatDistance, formatNumber, words } from '../format.js';

let clubId = null;

/** A member with no activity at all has no readiness to speak of: "no data yet", not "fresh". */
function readiness(member) {
  return member.lastActivityUtc === null ? 'no data yet' : words(member.readiness);
}

function topDue(member) {
  const top = member.topDueRecommendation;
  return top ? `${words(top.kind)}${top.bodyParts?.length ? `: ${top.bodyParts.map(words).join(', ')}` : ''}` : '—';
}

const week = member => `${formatDistance(member.weekDistanceMeters)} · ${member.weekActivities} run(s)`;

function memberRow(member) {
  return el('tr', { class: member.lastActivityUtc === null ? 'no-data' : null },
    el('td', { class: 'name', text: member.name }),
    el('td', { text: readiness(member) }),
    el('td', { class: 'num', text: member.ratio === null ? '—' : formatNumber(member.ratio, 2) }),
    el('td', { class: 'num', text: formatNumber(member.remainingRecoveryHours, 1, ' h') }),
    el('td', { text: week(member) }),
    el('td', { class: 'name', text: topDue(member) }));
}

function memberCard(member) {
  const details = el('dl', {},
    el('dt', { text: 'Readiness' }), el('dd', { text: readiness(member) }),
    el('dt', { text: 'Acute : chronic' }), el('dd', { text: member.ratio === null ? '—' : formatNumber(member.ratio, 2) }),
    el('dt', { text: 'Recovery left' }), el('dd', { text: formatNumber(member.remainingRecoveryHours, 1, ' h') }),
    el('dt', { text: 'This week' }), el('dd', { text: week(member) }),
    el('dt', { text: 'Top due' }), el('dd', { text: topDue(member) }));
  return el('li', { class: 'card member-card' }, el('h3', { class: 'name', text: member.name }), details);
}

async function showMembers() {
  const body = document.querySelector('#members tbody');
  const cards = document.getElementById('member-cards');
  const members = await api(`/api/clubs/${encodeURIComponent(clubId)}/members`);
  body.replaceChildren(...members.map(memberRow));
  cards.replaceChildren(...members.map(memberCard));
  if (members.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'No members yet.' })));
    cards.append(el('li', { class: 'empty', text: 'No members yet.' }));
  }
}

function showImport(state) {
  const counts = state.counts;
  const finished = ['completed', 'completed-with-errors', 'failed', 'cancelled'].includes(state.state);
  const progress = document.getElementById('import-progress');
  if (finished) progress.value = 100;
  else progress.removeAttribute('value'); // the archive's entry count is not known ahead: an indeterminate bar while it runs
  document.getElementById('import-label').textContent = `Import of ${state.fileName}: ${words(state.state)}`;
  document.getElementById('import-counts').textContent =
    `${counts.seen} files read · ${counts.imported} imported · ${counts.duplicates} duplicates · ${counts.skipped} skipped · ${counts.failed} failed`;
  document.getElementById('import-problems').replaceChildren(...(state.problems ?? []).map(problem =>
    el('li', {}, el('span', { class: 'file-name', text: problem.path }), ` — ${words(problem.outcome)}: `, problem.message ?? problem.code ?? '')));
  return finished;
}

/** Sends the archive with an upload progress bar (XMLHttpRequest reports upload progress; fetch does not). */
function sendArchive(file, csrf) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const progress = document.getElementById('import-progress');
    request.open('POST', `/api/clubs/${encodeURIComponent(clubId)}/imports`);
    request.setRequestHeader('X-CSRF-TOKEN', csrf);
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => {
      const data = request.responseText ? JSON.parse(request.responseText) : null;
      if (request.status === 202) resolve(data);
      else reject(new Error(data?.detail ?? data?.title ?? `The server answered ${request.status}.`));
    });
    request.addEventListener('error', () => reject(new Error('The upload did not reach the server.')));
    const body = new FormData();
    body.append('archive', file, file.name);
    request.send(body);
  });
}

async function follow(importId) {
  for (;;) {
    const state = await api(`/api/clubs/${encodeURIComponent(clubId)}/imports/${encodeURIComponent(importId)}`);
    if (showImport(state)) {
      status(`Import ${words(state.state)}.`, state.state === 'failed');
      await showMembers();
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

startPage(async () => {
  const clubs = (await api('/api/clubs')).filter(club => club.role === 'admin');
  const select = document.getElementById('club');
  select.replaceChildren(...clubs.map(club => el('option', { value: club.id, text: `${club.name} (${club.memberCount} members)` })));
  if (clubs.length === 0) {
    status('');
    document.getElementById('no-clubs').hidden = false;
    document.getElementById('club-view').hidden = true;
    return;
  }
  clubId = clubs[0].id;
  select.addEventListener('change', () => {
    clubId = select.value;
    showMembers().catch(error => status(error.message, true));
  });
  await showMembers();

  document.getElementById('import-form').addEventListener('submit', async event => {
    event.preventDefault();
    const file = document.getElementById('archive').files[0];
    if (!file) return;
    document.getElementById('import').hidden = false;
    status(`Uploading ${file.name}…`);
    try {
      const started = await sendArchive(file, token());
      showImport(started);
      status('Importing…');
      await follow(started.id);
    } catch (error) {
      status(error.message, true);
    }
  });
});
