// The drop zone and file input that upload activity files (Upload page, and Today's first-run empty state).
import { el, post, status } from './common.js';

function describe(outcome) {
  const name = outcome.fileName ?? '(no name)';
  const item = el('li', {}, el('span', { class: 'file-name', text: name }), ' — ');
  if (outcome.outcome === 'created' && outcome.activity) {
    item.append(el('span', { class: 'outcome-created', text: 'uploaded' }), ' ',
      el('a', { href: `/activity.html?id=${encodeURIComponent(outcome.activity.id)}`, text: 'see the activity' }));
  } else if (outcome.outcome === 'duplicate') {
    item.append(el('span', { class: 'outcome-duplicate', text: 'already uploaded' }), ' ',
      el('a', { href: `/activity.html?id=${encodeURIComponent(outcome.duplicateOf)}`, text: 'see the activity' }));
  } else {
    item.append(el('span', { class: 'outcome-failed', text: 'not stored' }), ': ', outcome.error?.message ?? 'unknown error');
  }
  return item;
}

async function upload(files, results, onUploaded) {
  if (files.length === 0) {
    status('Choose or drop at least one file.', true);
    return;
  }
  const body = new FormData();
  for (const file of files) body.append('files', file, file.name);
  status(`Uploading ${files.length} file(s)…`);
  const { status: code, data } = await post('/api/activities', body);
  if (data?.files) {
    results.prepend(...data.files.map(describe));
    const failed = data.files.filter(f => f.outcome === 'failed').length;
    status(failed ? `${failed} of ${data.files.length} file(s) could not be stored.` : `Uploaded ${data.files.length} file(s).`, failed > 0);
    if (failed < data.files.length) onUploaded?.(data.files);
  } else {
    // Nothing stored: the answer is one problem about the (first) file.
    const message = data?.detail ?? data?.title ?? `Upload failed (${code}).`;
    results.prepend(describe({ fileName: data?.fileName ?? files[0].name, outcome: 'failed', error: { message } }));
    status(message, true);
  }
}

/**
 * Wires the form (#upload-form), its file input (#files), the drop zone (#dropzone) and the results list (#results).
 * The Upload button (#upload-button) comes disabled in the HTML and is enabled only here: pressed before the page's
 * script is ready, the form would otherwise be submitted by the browser itself (a GET that drops the file).
 */
export function uploadZone({ onUploaded } = {}) {
  const input = document.getElementById('files');
  const zone = document.getElementById('dropzone');
  const results = document.getElementById('results');
  document.getElementById('upload-form').addEventListener('submit', async event => {
    event.preventDefault();
    await upload([...input.files], results, onUploaded);
    input.value = '';
  });
  zone.addEventListener('dragover', event => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async event => {
    event.preventDefault();
    zone.classList.remove('over');
    await upload([...event.dataTransfer.files], results, onUploaded);
  });
  document.getElementById('upload-button').disabled = false;
}
