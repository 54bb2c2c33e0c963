import { api, el, startPage, status } from '../common.js';
import { words } from '../format.js';

const parts = ['calves', 'shins', 'quadriceps', 'hamstrings', 'glutes', 'feet', 'ankles', 'knees', 'hips', 'lower-back'];

startPage(async () => {
  const grid = document.getElementById('soreness');
  grid.replaceChildren(...parts.map(part => el('div', {},
    el('label', { for: `sore-${part}`, text: words(part) }),
    el('input', { type: 'number', id: `sore-${part}`, name: part, min: 0, max: 10, step: 1, value: 0, inputmode: 'numeric' }))));

  document.getElementById('checkin-form').addEventListener('submit', async event => {
    event.preventDefault();
    const soreness = {};
    for (const part of parts) {
      const value = Number(document.getElementById(`sore-${part}`).value);
      if (!Number.isInteger(value) || value < 0 || value > 10) {
        status(`Soreness for ${words(part)} must be a whole number from 0 to 10.`, true);
        return;
      }
      soreness[part] = value;
    }
    const sleep = document.getElementById('sleep').value;
    const note = document.getElementById('note').value.trim();
    try {
      const saved = await api('/api/runners/me/checkins', {
        method: 'POST',
        json: { soreness, pain: document.getElementById('pain').checked, sleepQuality: sleep ? Number(sleep) : null, note: note || null },
      });
      status(`Check-in saved for ${saved.date}. Your plan is being updated.`);
    } catch (error) {
      const fields = error.problem?.errors ? Object.values(error.problem.errors).flat().join(' ') : '';
      status(`${error.message} ${fields}`.trim(), true);
    }
  });
});
