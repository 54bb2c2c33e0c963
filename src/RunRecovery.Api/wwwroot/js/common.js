// Shared helpers for the signed-in dashboard pages: the session (antiforgery token, profile preferences), API
// calls, the status line, and the page start-up every page goes through.
import { el } from './dom.js';
import { isSigningOut, renderHeader } from './header.js';
import { setPrefs } from './format.js';

export { el };

let csrfToken = '';

/** What GET /dashboard/session told the page (map settings among it). */
export const session = { map: null };

export function status(message, isError = false) {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = message;
  region.classList.toggle('error', isError);
}

export class ApiError extends Error {
  constructor(statusCode, problem) {
    super(problem?.detail || problem?.title || `The server answered ${statusCode}.`);
    this.status = statusCode;
    this.problem = problem;
  }
}

/** Calls the API with the session cookie; state changes carry the antiforgery token in X-CSRF-TOKEN. */
export async function api(path, { method = 'GET', json, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-TOKEN'] = csrfToken;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 401) {
    if (!isSigningOut()) window.location.assign('/signin.html?error=expired');
    throw new ApiError(401, { title: 'Signed out.' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Raw fetch for uploads (multipart), with the token; returns {status, data}. */
export async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { Accept: 'application/json', 'X-CSRF-TOKEN': csrfToken }, body, credentials: 'same-origin' });
  if (response.status === 401 && !isSigningOut()) window.location.assign('/signin.html?error=expired');
  const text = await response.text();
  return { status: response.status, data: text ? JSON.parse(text) : null };
}

/** The antiforgery token of this page's session (for XMLHttpRequest uploads). */
export const token = () => csrfToken;

/**
 * Draws the shared header, loads the session (and a fresh token) and the runner's profile (time zone, units),
 * then runs the page. Sends the browser to sign-in when it is not signed in. When everything is drawn the root
 * element gets data-state="ready" (or "error"), which the browser tests wait for.
 */
export async function startPage(init) {
  renderHeader();
  let state = 'ready';
  try {
    const response = await fetch('/dashboard/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const current = await response.json();
    csrfToken = current.csrfToken;
    for (const field of document.querySelectorAll('input[name="__RequestVerificationToken"]')) field.value = csrfToken;
    if (!current.signedIn) {
      window.location.assign('/signin.html');
      return;
    }
    session.map = current.map ?? null;
    setPrefs({ nowUtc: current.nowUtc });
    const profile = await api('/api/runners/me/profile');
    setPrefs(profile);
    await init(profile);
  } catch (error) {
    state = 'error';
    status(error instanceof Error ? error.message : String(error), true);
  } finally {
    document.documentElement.dataset.state = state;
  }
}

/** Ascent, average heart rate and load come from the activity's detail (metrics and scored loads). */
export function extras(detail) {
  const metrics = detail?.metrics ?? {};
  const loads = Array.isArray(detail?.loads) ? detail.loads : [];
  return {
    ascent: metrics.ascentMeters ?? null,
    avgHr: metrics.heartRate?.averageBpm ?? null,
    pace: metrics.paceSecondsPerKm ?? null,
    load: loads.length ? loads.reduce((sum, load) => sum + (load.cardioLoad ?? 0), 0) : null,
  };
}

/** A term and its value for the stat grids. */
export function stat(term, value, extraClass = '') {
  return el('div', { class: `stat ${extraClass}`.trim() }, el('dt', { text: term }), el('dd', { text: value }));
}
