// Shows a freshly issued API key and recovery code once (sign-up and recovery): copy the key, download the code,
// then sign in with the key through the ordinary sign-in form.
import { el } from './dom.js';

export async function formToken() {
  const response = await fetch('/dashboard/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return (await response.json()).csrfToken;
}

async function copy(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input.select(); // no clipboard permission: leave it selected for the runner to copy
    return false;
  }
}

/** Hides the page's form and shows the key, the code and the way on. */
export async function showIssued(form, account, status) {
  form.hidden = true;
  for (const aside of document.querySelectorAll('.before-issue')) aside.hidden = true;
  const section = document.getElementById('issued');
  const input = document.getElementById('new-key');
  input.value = account.apiKey;
  document.getElementById('new-code').replaceChildren(el('code', { text: account.recoveryCode }));
  document.getElementById('copy-key').addEventListener('click', async () => {
    status((await copy(account.apiKey, input)) ? 'Key copied.' : 'Copy the selected key with your device\'s copy command.');
  });
  const text = [
    'RunRecovery recovery code',
    `Account: ${account.runner.email}`,
    `Code: ${account.recoveryCode}`,
    '',
    'If you lose your API key, open the sign-in page, choose "Lost your key?", and give this email and code.',
    'The code works once; you get a new one with your new key.',
    '',
  ].join('\n');
  document.getElementById('download-code').href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const next = document.getElementById('continue-form');
  next.elements.apiKey.value = account.apiKey;
  next.elements.__RequestVerificationToken.value = await formToken();
  section.hidden = false;
  document.getElementById('issued-heading').focus();
}

/** Field problems of a validation answer as one sentence. */
export function problemText(problem, fallback) {
  const fields = problem?.errors ? Object.values(problem.errors).flat().join(' ') : '';
  const said = [problem?.title, problem?.detail].filter(Boolean).join(' ');
  return `${said || fallback} ${fields}`.trim();
}
