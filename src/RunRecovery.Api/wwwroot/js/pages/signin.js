import { status } from '../common.js';
import { renderSignedOutHeader } from '../header.js';

renderSignedOutHeader();

const messages = {
  key: 'That API key was not recognised. Check it and try again.',
  form: 'The form had expired. Please sign in again.',
  expired: 'Your session has ended. Please sign in again.',
};

async function init() {
  const error = new URLSearchParams(window.location.search).get('error');
  if (error && Object.hasOwn(messages, error)) status(messages[error], true);
  const response = await fetch('/dashboard/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const session = await response.json();
  if (session.signedIn && !error) {
    window.location.assign('/');
    return;
  }
  document.querySelector('input[name="__RequestVerificationToken"]').value = session.csrfToken;
}

init()
  .catch(problem => status(String(problem), true))
  .finally(() => { document.documentElement.dataset.state = 'ready'; });
