// Shows a freshly issued API key and recovery code once (sign-up and recovery): copy the key, download the code,
// then sign in with the key through the ordinary sign-in form. The section is built here, for both pages.
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

/** A download link (a text file made in the browser) holding the recovery code and how to use it. */
export function recoveryDownload(email, code) {
  const text = [
    'RunRecovery recovery code',
    `Account: ${email}`,
    `Code: ${code}`,
    '',
    'If you lose your API key, open the sign-in page, choose "Lost your key?", and give this email and code.',
    'The code works once; you get a new one with your new key.',
    '',
  ].join('\n');
  return el('a', {
    class: 'button secondary', download: 'runrecovery-recovery-code.txt',
    href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })), text: 'Download recovery code',
  });
}

/** Hides the page's form (and what only made sense before) and shows the key, the code and the way on. */
export async function showIssued(form, account, status) {
  form.hidden = true;
  for (const aside of document.querySelectorAll('.before-issue')) aside.hidden = true;
  const input = el('input', { type: 'text', id: 'new-key', readonly: true, spellcheck: 'false', autocomplete: 'off' });
  input.value = account.apiKey;
  const copyButton = el('button', { type: 'button', id: 'copy-key', text: 'Copy key' });
  copyButton.addEventListener('click', async () => {
    status((await copy(account.apiKey, input)) ? 'Key copied.' : 'Copy the selected key with your device\'s copy command.');
  });
  const next = el('form', { method: 'post', action: '/dashboard/signin', id: 'continue-form' },
    el('input', { type: 'hidden', name: '__RequestVerificationToken', value: await formToken() }),
    el('input', { type: 'hidden', name: 'apiKey', value: account.apiKey }),
    el('button', { type: 'submit', text: 'I have saved both: continue to my dashboard' }));
  const heading = el('h2', { id: 'issued-heading', tabindex: '-1', text: 'Your key' });
  const section = document.getElementById('issued');
  section.replaceChildren(
    heading,
    el('p', {}, el('strong', { text: 'This is the only time the key is shown.' }),
      ' Keep it in a password manager: it signs you in here and lets apps (your watch\'s sync, the ', el('code', { text: 'runrecovery' }),
      ' command) upload for you.'),
    el('div', { class: 'field' }, el('label', { for: 'new-key', text: 'API key' }), input),
    el('p', { class: 'actions' }, copyButton),
    el('h2', { text: 'Your recovery code' }),
    el('p', { text: 'If you lose the key, this one-time code and your email give you a new one. Write it down or download it, and keep it apart from the key.' }),
    el('p', { class: 'recovery-code', id: 'new-code' }, el('code', { text: account.recoveryCode })),
    el('p', { class: 'actions' }, recoveryDownload(account.runner.email, account.recoveryCode)),
    next);
  section.hidden = false;
  heading.focus();
}

/** The problem's title and detail, and any field problems, as one sentence. */
export function problemText(problem, fallback) {
  const fields = problem?.errors ? Object.values(problem.errors).flat().join(' ') : '';
  const said = [problem?.title, problem?.detail].filter(Boolean).join(' ');
  return `${said || fallback} ${fields}`.trim();
}
