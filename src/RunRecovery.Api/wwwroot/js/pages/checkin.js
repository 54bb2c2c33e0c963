import { api, el, startPage, status } from '../common.js';
import { prefs, words } from '../format.js';

const parts = ['calves', 'shins', 'quadriceps', 'hamstrings', 'glutes', 'feet', 'ankles', 'knees', 'hips', 'lower-back'];

startPage(async profile => {
  const grid = document.getElementById('soreness');
  grid.replaceChildren(...parts.map(part => el('div', {},
    el('label', { for: `sore-${part}`, text: words(part) }),
    el('input', { type: 'number', id: `sore-${part}`, name: part, min: 0, max: 10, step: 1, value: 0, inputmode: 'numeric' }))));

  document.getElementById('checkin-form').addEventListener('submit', async event => {
    event.preventDefault();
    // One check-in per sore part (the contract of docs/schemas/checkin.schema.json), plus the night's sleep as a
    // morning report; "something hurts" marks the reported parts as pain (the older boolean form of `pain`).
    const pain = document.getElementById('pain').checked;
    const sleep = document.getElementById('sleep').value;
    const note = document.getElementById('note').value.trim();
    // Today in the runner's zone, on the service's clock (prefs.skewMs: the service's time minus this device's).
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: profile.timeZone }).format(new Date(Date.now() + prefs.skewMs));
    const checkins = [];
    for (const part of parts) {
      const value = Number(document.getElementById(`sore-${part}`).value);
      if (!Number.isInteger(value) || value < 0 || value > 10) {
        status(`Soreness for ${words(part)} must be a whole number from 0 to 10.`, true);
        return;
      }
      if (value > 0) {
        checkins.push({ date, bodyPart: part, soreness: value, ...(pain ? { pain: true } : {}) });
      }
    }
    if (sleep) {
      checkins.push({ date, sleepQuality: Number(sleep) });
    }
    if (checkins.length === 0) {
      status('Report soreness for at least one body part, or your sleep.', true);
      return;
    }
    if (note) {
      checkins[0].note = note;
    }
    try {
      const saved = (await api('/api/runners/me/checkins', { method: 'POST', json: checkins }))[0];
      status(`Check-in saved for ${saved.date}. Your plan is being updated.`);
    } catch (error) {
      const fields = error.problem?.errors ? Object.values(error.problem.errors).flat().join(' ') : '';
      status(`${error.message} ${fields}`.trim(), true);
    }
  });
});
