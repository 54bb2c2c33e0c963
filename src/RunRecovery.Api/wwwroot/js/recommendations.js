import { api, el, status } from './common.js';
import { formatWindow, localDate, localizeUtcStamps, now, words } from './format.js';
import { sessionTimer } from './session-timer.js';

const open = rec => rec.status === 'due' || rec.status === 'upcoming';

/** The ordered steps of a massage session: massage per muscle, then the stretches (the API's order, issue 14). */
function stepList(steps) {
  return el('ol', { class: 'steps', 'aria-label': 'Steps' }, steps.map(step => el('li', { class: 'step', 'data-action': step.action },
    el('span', { class: 'step-head' }, el('span', { class: 'step-action', text: step.action === 'stretch' ? 'Stretch' : 'Massage' }), ' ', el('strong', { text: words(step.bodyPart) })),
    el('span', { class: 'step-meta', text: `${step.tool ? `${words(step.tool)} · ` : ''}${step.minutes} min` }),
    el('span', { class: 'step-technique', text: step.technique ?? '' }))));
}

/**
 * The question of a see-professional item ("Are your calves better?"), answered per body part with a check-in
 * (docs/schemas/checkin.schema.json): "Fine now" reports soreness 0 and no pain, which ends the flag (recovery-model
 * §7.5); "Still hurts" asks how sore, how much pain (0–10) and, when there is some, what it feels like; pain keeps the flag. Today is the profile zone's, on the service's clock.
 */
function questionBlock(rec, headingId) {
  const block = el('div', { class: 'question' }, el('p', { class: 'question-text', text: rec.question }));
  for (const part of rec.bodyParts ?? []) {
    const name = words(part);
    const fine = el('button', { type: 'button', text: `${name}: fine now`, 'aria-describedby': headingId });
    const hurts = el('button', { type: 'button', class: 'secondary', text: `${name}: still hurts`, 'aria-describedby': headingId });
    const row = el('div', { class: 'answer', 'data-part': part }, el('div', { class: 'actions' }, fine, hurts));
    const send = async (checkin, said) => {
      for (const button of row.querySelectorAll('button')) button.disabled = true;
      try {
        await api('/api/runners/me/checkins', { method: 'POST', json: [{ date: localDate(now().toISOString()), bodyPart: part, ...checkin }] });
        row.replaceChildren(el('p', { class: 'muted', text: `Saved: ${name} ${said}. Your plan is being updated.` }));
        status(`Check-in saved: ${name} ${said}.`);
      } catch (error) {
        for (const button of row.querySelectorAll('button')) button.disabled = false;
        status(error.message, true);
      }
    };
    fine.addEventListener('click', () => send({ soreness: 0, pain: 0 }, 'fine now'));
    hurts.addEventListener('click', () => {
      const id = `${headingId}-${part}`;
      const input = el('input', { type: 'number', id: `${id}-soreness`, min: 0, max: 10, step: 1, value: 5, inputmode: 'numeric' });
      const painInput = el('input', { type: 'number', id: `${id}-pain`, min: 0, max: 10, step: 1, value: 3, inputmode: 'numeric' });
      const character = el('select', { id: `${id}-character` },
        ['aching', 'dull', 'sharp'].map(word => el('option', { value: word, text: word })));
      const submit = el('button', { type: 'submit', text: 'Send' });
      const form = el('form', { class: 'still-hurts' },
        el('label', { for: `${id}-soreness`, text: `Soreness now, 0–10: ${name}` }), input,
        el('label', { for: `${id}-pain`, text: `Pain now, 0–10: ${name}` }), painInput,
        el('label', { for: `${id}-character`, text: `The pain feels: ${name}` }), character,
        el('p', { class: 'actions' }, submit),
        el('p', { class: 'hint muted' }, 'Swelling, warmth, or pain at rest or at night? Say so on the ', el('a', { href: '/checkin.html', text: 'check-in page' }), '.'));
      form.addEventListener('submit', event => {
        event.preventDefault();
        const soreness = Number(input.value);
        const pain = Number(painInput.value);
        if (![soreness, pain].every(value => Number.isInteger(value) && value >= 0 && value <= 10)) {
          status('Soreness and pain are whole numbers from 0 to 10.', true);
          return;
        }
        // Pain with its severity (and, when there is any, its character) as the check-in contract asks.
        const checkin = pain > 0 ? { soreness, pain, painCharacter: character.value } : { soreness, pain: 0 };
        send(checkin, `still hurting, soreness ${soreness}/10, pain ${pain}/10${pain > 0 ? ` (${character.value})` : ''}`);
      });
      row.replaceChildren(form);
      input.focus();
    });
    block.append(row);
  }
  return block;
}

/**
 * A recommendation card: kind, when (profile time zone), reasons, Done / Dismiss. A massage session lists its ordered
 * steps and has a Start button for the step timer; a see-professional item with a question offers the answers.
 */
export function recommendationCard(rec, onActed) {
  const session = rec.kind === 'massage' && Array.isArray(rec.steps) && rec.steps.length > 0;
  const details = el('dl', {});
  const add = (term, value) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return;
    details.append(el('dt', { text: term }), el('dd', { text: Array.isArray(value) ? value.map(words).join(', ') : value }));
  };
  if (session) {
    add('Session', `${rec.durationMinutes} min, ${rec.steps.length} step${rec.steps.length === 1 ? '' : 's'}`);
  } else {
    add('Muscles', rec.bodyParts);
    add('Technique', rec.technique ? words(rec.technique) : null);
    add('Tool', rec.tool ? words(rec.tool) : null);
    add('Minutes', rec.durationMinutes ? String(rec.durationMinutes) : null);
  }
  add('When', formatWindow(rec.dueUtc, rec.expiresUtc));
  add('Status', rec.status);

  const headingId = `rec-${rec.id}`;
  const card = el('li', { class: session ? 'card session' : 'card', 'aria-labelledby': headingId, 'data-kind': rec.kind, 'data-id': rec.id },
    el('h3', { id: headingId, text: words(rec.kind) }),
    details,
    session ? stepList(rec.steps) : null,
    rec.question && open(rec) ? questionBlock(rec, headingId) : null);
  const reasons = rec.reasons?.length ? el('ul', { class: 'reasons', 'aria-label': 'Why' }, rec.reasons.map(reason => el('li', { text: localizeUtcStamps(reason) }))) : null;
  // A session's timer and buttons come right after its steps (the reasons are long); other cards end with them.
  if (reasons && (!session || !open(rec))) card.append(reasons);

  if (open(rec)) {
    const done = el('button', { type: 'button', text: 'Done', 'aria-describedby': headingId });
    const dismiss = el('button', { type: 'button', class: 'secondary', text: 'Dismiss', 'aria-describedby': headingId });
    const actions = el('div', { class: 'actions' }, done, dismiss);
    let timer = null;
    const act = async action => {
      for (const button of card.querySelectorAll('.actions button')) button.disabled = true;
      try {
        const updated = await api(`/api/runners/me/recommendations/${encodeURIComponent(rec.id)}/${action}`, { method: 'POST', json: action === 'dismiss' ? {} : undefined });
        card.classList.add('acted');
        timer?.panel.remove();
        actions.replaceChildren(el('p', { class: 'muted', text: updated.status === 'done' ? 'Marked done.' : 'Dismissed.' }));
        status(`${words(rec.kind)}: ${updated.status}.`);
        onActed?.(updated);
      } catch (error) {
        for (const button of card.querySelectorAll('.actions button')) button.disabled = false;
        status(error.message, true);
      }
    };
    if (session) {
      timer = sessionTimer(rec.steps, { headingId, onDone: () => act('done') });
      const start = el('button', { type: 'button', text: 'Start', 'aria-describedby': headingId });
      start.addEventListener('click', () => {
        start.remove();
        timer.start();
      });
      actions.prepend(start);
      card.append(timer.panel);
    }
    done.addEventListener('click', () => act('done'));
    dismiss.addEventListener('click', () => act('dismiss'));
    card.append(actions);
    if (session && reasons) card.append(reasons);
  }
  return card;
}
