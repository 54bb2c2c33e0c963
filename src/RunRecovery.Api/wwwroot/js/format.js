// How the dashboard shows times, distances, paces and heights: every time in the runner's profile time zone (not
// the browser's), every distance in the runner's units (profile setting "units": metric or imperial). The API
// itself stays SI and UTC; the conversion happens only here.

export const METERS_PER_MILE = 1609.344; // international mile, exact
export const METERS_PER_FOOT = 0.3048; // international foot, exact

export const prefs = { timeZone: 'UTC', units: 'metric', skewMs: 0 };

/** Applies the runner's profile (time zone, units) and the server's clock (for "today" and "tomorrow"). */
export function setPrefs({ timeZone, units, nowUtc } = {}) {
  if (timeZone && validZone(timeZone)) prefs.timeZone = timeZone;
  if (units === 'metric' || units === 'imperial') prefs.units = units;
  if (nowUtc) prefs.skewMs = new Date(nowUtc).getTime() - Date.now();
}

function validZone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The server's "now" (the browser's clock corrected by the difference seen when the page loaded). */
export function now() {
  return new Date(Date.now() + prefs.skewMs);
}

export const imperial = () => prefs.units === 'imperial';
export const distanceUnit = () => (imperial() ? 'mi' : 'km');
export const elevationUnit = () => (imperial() ? 'ft' : 'm');
export const splitMeters = () => (imperial() ? METERS_PER_MILE : 1000);

const missing = value => value === null || value === undefined || Number.isNaN(value);

export function formatNumber(value, digits = 0, unit = '') {
  return missing(value) ? '—' : `${Number(value).toFixed(digits)}${unit}`;
}

/** Metres as km or miles. */
export function formatDistance(meters, digits = 2) {
  return missing(meters) ? '—' : `${(meters / splitMeters()).toFixed(digits)} ${distanceUnit()}`;
}

/** Metres of height in the runner's unit, as a number (charts). */
export function heightValue(meters) {
  return missing(meters) ? null : imperial() ? meters / METERS_PER_FOOT : meters;
}

export function formatHeight(meters, signed = false) {
  const value = heightValue(meters);
  if (value === null) return '—';
  const text = `${Math.round(value)} ${elevationUnit()}`;
  return signed && value > 0 ? `+${text}` : text;
}

/** Speed (m/s) as minutes per km or per mile; null when standing or walking slower than 15 min/km. */
export function paceMinutes(speedMetersPerSecond) {
  if (missing(speedMetersPerSecond) || speedMetersPerSecond <= 1000 / 900) return null;
  return splitMeters() / speedMetersPerSecond / 60;
}

/** Minutes as m:ss. */
export function formatClock(minutes) {
  if (missing(minutes)) return '—';
  const total = Math.round(minutes * 60);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Seconds per km (the API's unit) as pace per km or per mile ("5:23 /km"; without the unit when withUnit is false). */
export function formatPace(secondsPerKm, withUnit = true) {
  if (missing(secondsPerKm) || secondsPerKm <= 0) return '—';
  const clock = formatClock((secondsPerKm * (splitMeters() / 1000)) / 60);
  return withUnit ? `${clock} /${distanceUnit()}` : clock;
}

export function formatDuration(seconds) {
  if (missing(seconds)) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

function format(iso, options) {
  return new Date(iso).toLocaleString(undefined, { timeZone: prefs.timeZone, ...options });
}

/** Date and time in the profile's zone: "Wed, 6 Feb 2013, 13:24" (in the browser's language). */
export function formatDate(iso) {
  if (!iso) return '—';
  return format(iso, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso) {
  if (!iso) return '—';
  return format(iso, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatTime(iso) {
  if (!iso) return '—';
  return format(iso, { hour: '2-digit', minute: '2-digit' });
}

/** The calendar date (YYYY-MM-DD) of an instant in the profile's zone. */
export function localDate(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: prefs.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso)).map(part => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function addDays(date, days) {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** "today", "tomorrow", "yesterday" or the date, relative to the server's today in the profile's zone. */
export function dayWord(iso) {
  const day = localDate(iso);
  const today = localDate(now().toISOString());
  if (day === today) return 'today';
  if (day === addDays(today, 1)) return 'tomorrow';
  if (day === addDays(today, -1)) return 'yesterday';
  return format(iso, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** A window such as "today 19:00 – 22:00" or "tomorrow 08:00 – Fri 10:00", in the profile's zone. */
export function formatWindow(fromIso, toIso) {
  if (!fromIso) return '—';
  const start = `${dayWord(fromIso)} ${formatTime(fromIso)}`;
  if (!toIso) return start;
  const end = localDate(toIso) === localDate(fromIso) ? formatTime(toIso) : `${dayWord(toIso)} ${formatTime(toIso)}`;
  return `${start} – ${end}`;
}

/**
 * Reasons written by the recommendation engine carry instants as "yyyy-MM-dd HH:mm UTC" (a fixed, machine
 * format); they are shown in the profile's zone like every other time on the page.
 */
export function localizeUtcStamps(text) {
  return String(text).replace(/\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\b/g, (match, date, time) => {
    const instant = new Date(`${date}T${time}:00Z`);
    return Number.isNaN(instant.getTime()) ? match : formatDate(instant.toISOString());
  });
}

/** Words the API sends in kebab case ("lower-back", "see-professional") as readable text. */
export function words(text) {
  return text ? String(text).replaceAll('-', ' ') : '—';
}
