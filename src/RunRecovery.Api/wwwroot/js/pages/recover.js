import { status } from '../common.js';
// A browser that is still signed in must send the antiforgery token with any POST (the CSRF gate).
import { formToken, problemText, showIssued } from '../account-keys.js';
import { renderSignedOutHeader } from '../header.js';

renderSignedOutHeader();

async function init() {
  const form = document.getElementById('recover-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { email: form.elements.email.value.trim(), recoveryCode: form.elements.recoveryCode.value.trim() };
    const response = await fetch('/api/runners/recover', {
      method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-TOKEN': await formToken() }, body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      status(problemText(data, `Recovery failed (${response.status}).`), true);
      return;
    }
    status('Recovered: here is your new key. The old one no longer works.');
    await showIssued(form, data, status);
  });
}

init()
  .catch(problem => status(String(problem), true))
  .finally(() => { document.documentElement.dataset.state = 'ready'; });
