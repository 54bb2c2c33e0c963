import { api, el, status } from './common.js';
import { formatWindow, localizeUtcStamps, words } from './format.js';

/** A recommendation card: kind, body parts, technique, tool, minutes, when (profile time zone), reasons, Done / Dismiss. */
export function recommendationCard(rec, onActed) {
  const details = el('dl', {});
  const add = (term, value) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return;
    details.append(el('dt', { text: term }), el('dd', { text: Array.isArray(value) ? value.map(words).join(', ') : value }));
  };
  add('Muscles', rec.bodyParts);
  add('Technique', rec.technique ? words(rec.technique) : null);
  add('Tool', rec.tool ? words(rec.tool) : null);
  add('Minutes', rec.durationMinutes ? String(rec.durationMinutes) : null);
  add('When', formatWindow(rec.dueUtc, rec.expiresUtc));
  add('Status', rec.status);

  const headingId = `rec-${rec.id}`;
  const card = el('li', { class: 'card', 'aria-labelledby': headingId, 'data-kind': rec.kind, 'data-id': rec.id },
    el('h3', { id: headingId, text: words(rec.kind) }),
    details,
    rec.reasons?.length ? el('ul', { class: 'reasons', 'aria-label': 'Why' }, rec.reasons.map(reason => el('li', { text: localizeUtcStamps(reason) }))) : null);

  if (rec.status === 'due' || rec.status === 'upcoming') {
    const done = el('button', { type: 'button', text: 'Done', 'aria-describedby': headingId });
    const dismiss = el('button', { type: 'button', class: 'secondary', text: 'Dismiss', 'aria-describedby': headingId });
    const actions = el('div', { class: 'actions' }, done, dismiss);
    const act = async action => {
      done.disabled = true;
      dismiss.disabled = true;
      try {
        const updated = await api(`/api/runners/me/recommendations/${encodeURIComponent(rec.id)}/${action}`, { method: 'POST', json: action === 'dismiss' ? {} : undefined });
        card.classList.add('acted');
        actions.replaceChildren(el('p', { class: 'muted', text: updated.status === 'done' ? 'Marked done.' : 'Dismissed.' }));
        status(`${words(rec.kind)}: ${updated.status}.`);
        onActed?.(updated);
      } catch (error) {
        done.disabled = false;
        dismiss.disabled = false;
        status(error.message, true);
      }
    };
    done.addEventListener('click', () => act('done'));
    dismiss.addEventListener('click', () => act('dismiss'));
    card.append(actions);
  }
  return card;
}
