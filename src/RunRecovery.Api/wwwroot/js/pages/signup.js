import { status } from '../common.js';
import { el } from '../dom.js';
// A browser that is still signed in must send the antiforgery token with any POST (the CSRF gate).
import { formToken, problemText, showIssued } from '../account-keys.js';
import { renderSignedOutHeader } from '../header.js';

renderSignedOutHeader();

function zones() {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const select = document.getElementById('timeZone');
  select.replaceChildren(...[...new Set([here, 'UTC', ...known])].sort().map(zone => el('option', { value: zone, text: zone, selected: zone === here })));
}

async function init() {
  zones();
  const form = document.getElementById('signup-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { name: form.elements.name.value.trim(), email: form.elements.email.value.trim(), timeZone: form.elements.timeZone.value };
    const response = await fetch('/api/runners', {
      method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-TOKEN': await formToken() }, body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    if (response.status !== 201) {
      status(problemText(data, `Sign-up failed (${response.status}).`), true);
      return;
    }
    status('Account created.');
    await showIssued(form, data, status);
  });
}

init()
  .catch(problem => status(String(problem), true))
  .finally(() => { document.documentElement.dataset.state = 'ready'; });
