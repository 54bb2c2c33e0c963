import { api, el, formatKm, formatNumber, startPage, status, words } from '../common.js';

let clubId = null;

function memberRow(member) {
  const top = member.topDueRecommendation;
  return el('tr', {},
    el('td', { class: 'name', text: member.name }),
    el('td', { text: words(member.readiness) }),
    el('td', { text: member.ratio === null ? '—' : formatNumber(member.ratio, 2) }),
    el('td', { text: formatNumber(member.remainingRecoveryHours, 1, ' h') }),
    el('td', { text: `${formatKm(member.weekDistanceMeters)} · ${member.weekActivities} run(s)` }),
    el('td', { class: 'name', text: top ? `${words(top.kind)}${top.bodyParts?.length ? `: ${top.bodyParts.map(words).join(', ')}` : ''}` : '—' }));
}

async function showMembers() {
  const body = document.querySelector('#members tbody');
  const members = await api(`/api/clubs/${encodeURIComponent(clubId)}/members`);
  body.replaceChildren(...members.map(memberRow));
  if (members.length === 0) body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted', text: 'No members yet.' })));
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
function sendArchive(file, token) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const progress = document.getElementById('import-progress');
    request.open('POST', `/api/clubs/${encodeURIComponent(clubId)}/imports`);
    request.setRequestHeader('X-CSRF-TOKEN', token);
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
    status('You are not an admin of any club.');
    document.getElementById('import-form').hidden = true;
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
      const session = await (await fetch('/dashboard/session', { credentials: 'same-origin' })).json();
      const started = await sendArchive(file, session.csrfToken);
      showImport(started);
      status('Importing…');
      await follow(started.id);
    } catch (error) {
      status(error.message, true);
    }
  });
});
