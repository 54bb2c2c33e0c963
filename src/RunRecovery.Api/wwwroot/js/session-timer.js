// The step timer of a massage session (Today page): the steps in order, each for its minutes, with Pause / Resume
// and Skip; at each step's end a gentle chime (Web Audio) and a short vibration where the browser allows both —
// neither is required, and a checkbox turns them off. When the last step ends the timer offers Done.
//
// Time is read from Date.now() at every tick, not counted in ticks: a phone that throttles timers in the background
// (or a test that moves the page's clock forward) catches up, carrying the overflow into the next steps.
import { el, status } from './common.js';
import { formatClock, words } from './format.js';

const TICK_MS = 250;

let audio = null;

/** A soft two-second-fading 660 Hz tone and a 200 ms vibration; silently nothing where the browser says no. */
function chime() {
  try {
    if (audio) {
      const t = audio.currentTime;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = 'sine';
      tone.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.12, t + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.8);
      tone.connect(gain).connect(audio.destination);
      tone.start(t);
      tone.stop(t + 0.85);
    }
  } catch {
    // Sound is a courtesy: no audio output, or the browser refused it.
  }
  try {
    if (navigator.userActivation?.hasBeenActive && typeof navigator.vibrate === 'function') navigator.vibrate(200);
  } catch {
    // Vibration is a courtesy too (desktop browsers have none).
  }
}

/** Audio may only start from a user's gesture: the Start button's click creates (or resumes) it. */
function prepareSound() {
  try {
    const Context = window.AudioContext ?? window.webkitAudioContext;
    if (!Context) return;
    audio ??= new Context();
    if (audio.state === 'suspended') audio.resume().catch(() => {});
  } catch {
    audio = null;
  }
}

const stepWord = step => (step.action === 'stretch' ? 'Stretch' : 'Massage');

/**
 * The timer panel for one session's steps. Returns { panel, start }: start() (from a click) shows the panel and runs
 * the first step; onDone is called by the panel's Done button at the end.
 */
export function sessionTimer(steps, { headingId, onDone }) {
  const position = el('p', { class: 'timer-step' });
  const technique = el('p', { class: 'timer-technique' });
  const clock = el('p', { class: 'timer-clock', role: 'timer', 'aria-label': 'Time left in this step', text: '0:00' });
  const pause = el('button', { type: 'button', class: 'secondary', text: 'Pause', 'aria-describedby': headingId });
  const skip = el('button', { type: 'button', class: 'secondary', text: 'Skip step', 'aria-describedby': headingId });
  const soundId = `${headingId}-sound`;
  const sound = el('input', { type: 'checkbox', id: soundId, checked: true });
  const controls = el('div', { class: 'actions' }, pause, skip);
  const panel = el('div', { class: 'timer', hidden: true, 'aria-label': 'Session timer', role: 'group' },
    position, clock, technique, controls,
    el('p', { class: 'timer-sound' }, sound, ' ', el('label', { for: soundId, text: 'Chime and vibrate between steps' })));

  let index = 0;
  let running = false;
  let remainingMs = 0;
  let endsAt = 0;
  let interval = null;

  const announce = () => {
    const step = steps[index];
    position.textContent = `Step ${index + 1} of ${steps.length}: ${stepWord(step)} ${words(step.bodyPart)}${step.tool ? ` · ${words(step.tool)}` : ''} · ${step.minutes} min`;
    technique.textContent = step.technique ?? '';
    status(`Step ${index + 1} of ${steps.length}: ${stepWord(step).toLowerCase()} your ${words(step.bodyPart)} for ${step.minutes} min.`);
  };
  const show = () => {
    clock.textContent = formatClock(Math.max(0, remainingMs) / 60000);
  };
  const finish = () => {
    running = false;
    clearInterval(interval);
    interval = null;
    position.textContent = `Session complete: ${steps.length} step(s).`;
    technique.textContent = 'Well done. Mark the session done, so tomorrow\'s plan knows.';
    clock.textContent = '0:00';
    const done = el('button', { type: 'button', text: 'Done', 'aria-describedby': headingId });
    done.addEventListener('click', () => onDone?.());
    controls.replaceChildren(done);
    status('Session complete. Press Done to mark it done.');
    done.focus();
  };
  // Moves to the next step, carrying overflowMs (time already spent past the previous step's end) into it.
  const next = (overflowMs = 0) => {
    index += 1;
    if (index >= steps.length) {
      finish();
      return;
    }
    remainingMs = steps[index].minutes * 60000 - overflowMs;
    endsAt = Date.now() + remainingMs;
    announce();
  };
  const tick = () => {
    if (!running) return;
    remainingMs = endsAt - Date.now();
    let chimed = false;
    while (running && remainingMs <= 0 && index < steps.length) {
      if (!chimed && sound.checked) chime();
      chimed = true;
      next(-remainingMs);
    }
    if (running) show();
  };

  pause.addEventListener('click', () => {
    if (running) {
      remainingMs = endsAt - Date.now();
      running = false;
      pause.textContent = 'Resume';
      status('Paused.');
    } else {
      endsAt = Date.now() + remainingMs;
      running = true;
      pause.textContent = 'Pause';
      status('Resumed.');
    }
    show();
  });
  skip.addEventListener('click', () => {
    const wasRunning = running;
    next();
    if (index < steps.length) {
      running = wasRunning;
      show();
    }
  });

  const start = () => {
    if (steps.length === 0) return;
    if (sound.checked) prepareSound();
    panel.hidden = false;
    index = 0;
    remainingMs = steps[0].minutes * 60000;
    endsAt = Date.now() + remainingMs;
    running = true;
    announce();
    show();
    interval ??= setInterval(tick, TICK_MS);
  };
  return { panel, start };
}
