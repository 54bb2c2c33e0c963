// Shared helpers for the dashboard pages. Every piece of data is put into the page with textContent
// (through el()), never as HTML, so names such as "<script>…</script>.gpx" show as text.

let csrfToken = '';

/** Creates an element; attrs are properties/attributes, children are nodes or strings (as text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

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
    window.location.assign('/signin.html?error=expired');
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
  if (response.status === 401) window.location.assign('/signin.html?error=expired');
  const text = await response.text();
  return { status: response.status, data: text ? JSON.parse(text) : null };
}

/** Loads the session (and a fresh token); sends the browser to sign-in when it is not signed in. */
export async function startPage(init) {
  try {
    const response = await fetch('/dashboard/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const session = await response.json();
    csrfToken = session.csrfToken;
    for (const field of document.querySelectorAll('input[name="__RequestVerificationToken"]')) field.value = csrfToken;
    if (!session.signedIn) {
      window.location.assign('/signin.html');
      return;
    }
    const here = window.location.pathname === '/' ? '/index.html' : window.location.pathname;
    for (const link of document.querySelectorAll('header.site nav a')) {
      if (link.getAttribute('href') === here) link.setAttribute('aria-current', 'page');
    }
    await init();
  } catch (error) {
    status(error instanceof Error ? error.message : String(error), true);
  }
}

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatKm(meters) {
  return meters === null || meters === undefined ? '—' : `${(meters / 1000).toFixed(2)} km`;
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

export function formatNumber(value, digits = 0, unit = '') {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${Number(value).toFixed(digits)}${unit}`;
}

/** Words the API sends in kebab case ("lower-back", "see-professional") as readable text. */
export function words(text) {
  return text ? String(text).replaceAll('-', ' ') : '—';
}

/** Ascent, average heart rate and load come from the activity's detail (metrics and scored loads). */
export function extras(detail) {
  const metrics = detail?.metrics ?? {};
  const loads = Array.isArray(detail?.loads) ? detail.loads : [];
  return {
    ascent: metrics.ascentMeters ?? null,
    avgHr: metrics.heartRate?.averageBpm ?? null,
    load: loads.length ? loads.reduce((sum, load) => sum + (load.cardioLoad ?? 0), 0) : null,
  };
}
