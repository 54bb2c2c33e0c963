import { api, el, startPage, status } from '../common.js';
import { formatDate, now, setPrefs } from '../format.js';
import { recoveryDownload } from '../account-keys.js';

/** Every IANA zone the browser knows, for the picker (the server checks the choice again). */
function zones(current) {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...known])].filter(Boolean).sort();
}

function showClock(zone) {
  document.getElementById('clock').textContent = `Times on every page are shown in ${zone}: now it is ${formatDate(now().toISOString())} there.`;
}

/** A fresh recovery code, shown once with a download (the previous code stops working). */
function recoveryCode() {
  document.getElementById('new-recovery-code').addEventListener('click', async () => {
    try {
      const [issued, me] = await Promise.all([api('/api/runners/me/recovery-code', { method: 'POST' }), api('/api/runners/me')]);
      const box = document.getElementById('recovery');
      box.replaceChildren(
        el('p', { class: 'recovery-code', id: 'new-code' }, el('code', { text: issued.recoveryCode })),
        el('p', { class: 'actions' }, recoveryDownload(me.email, issued.recoveryCode)));
      box.hidden = false;
      status('New recovery code: save it now, it is shown only this once. The previous code no longer works.');
    } catch (error) {
      status(error.message, true);
    }
  });
}

startPage(async profile => {
  recoveryCode();
  const form = document.getElementById('settings-form');
  const zone = document.getElementById('timeZone');
  zone.replaceChildren(...zones(profile.timeZone).map(id => el('option', { value: id, text: id, selected: id === profile.timeZone })));
  form.elements.units.value = profile.units ?? 'metric';
  showClock(profile.timeZone);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    // PUT replaces the whole profile: send back everything it holds, with the two settings of this page changed.
    const current = await api('/api/runners/me/profile');
    const { webhookSecret, ...rest } = current;
    void webhookSecret; // read-only, never sent back
    try {
      const saved = await api('/api/runners/me/profile', { method: 'PUT', json: { ...rest, units: form.elements.units.value, timeZone: zone.value } });
      setPrefs(saved);
      showClock(saved.timeZone);
      status(`Saved: ${saved.units} units, times in ${saved.timeZone}.`);
    } catch (error) {
      const fields = error.problem?.errors ? Object.values(error.problem.errors).flat().join(' ') : '';
      status(`${error.message} ${fields}`.trim(), true);
    }
  });
});
