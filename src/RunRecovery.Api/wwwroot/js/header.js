// The one header every signed-in page shares: brand, the main navigation (a "Menu" button opens it on narrow
// screens), and sign-out. Pages hold an empty <header class="site"></header>; startPage() fills it.
import { el } from './dom.js';

export const pages = [
  { href: '/index.html', text: 'Today' },
  { href: '/load.html', text: 'Load' },
  { href: '/activities.html', text: 'Activities' },
  { href: '/upload.html', text: 'Upload' },
  { href: '/checkin.html', text: 'Check-in' },
  { href: '/clubs.html', text: 'Clubs' },
  { href: '/settings.html', text: 'Settings' },
];

export function renderHeader() {
  const header = document.querySelector('header.site');
  if (!header || header.dataset.rendered) return;
  header.dataset.rendered = 'true';
  const path = window.location.pathname === '/' ? '/index.html' : window.location.pathname;
  const here = path === '/activity.html' ? '/activities.html' : path; // one activity belongs to Activities
  const toggle = el('button', { type: 'button', class: 'menu-toggle secondary', 'aria-expanded': 'false', 'aria-controls': 'site-nav', text: 'Menu' });
  const nav = el('nav', { id: 'site-nav', 'aria-label': 'Main' },
    el('ul', {}, pages.map(page => el('li', {},
      el('a', { href: page.href, text: page.text, 'aria-current': page.href === here ? 'page' : null })))));
  toggle.addEventListener('click', () => {
    const open = header.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  header.replaceChildren(
    el('a', { class: 'brand', href: '/index.html', text: 'RunRecovery' }),
    toggle,
    nav,
    signOutForm());
}

// Set once the runner presses Sign out: the page's requests still in flight then come back 401, which must not send
// them to "your session expired" instead of the plain sign-in page the sign-out leads to.
let signingOut = false;
export const isSigningOut = () => signingOut;

function signOutForm() {
  const form = el('form', { method: 'post', action: '/dashboard/signout', class: 'signout' },
    el('input', { type: 'hidden', name: '__RequestVerificationToken', value: '' }),
    el('button', { type: 'submit', class: 'secondary', text: 'Sign out' }));
  form.addEventListener('submit', () => { signingOut = true; });
  return form;
}

// The signed-out pages (sign-in, sign-up, key recovery) hold <header class="site" data-signed-out></header>: the brand
// only, linking to sign-in (plain text on the sign-in page itself).
export function renderSignedOutHeader() {
  const header = document.querySelector('header.site[data-signed-out]');
  if (!header || header.dataset.rendered) return;
  header.dataset.rendered = 'true';
  header.replaceChildren(window.location.pathname === '/signin.html'
    ? el('span', { class: 'brand', text: 'RunRecovery' })
    : el('a', { class: 'brand', href: '/signin.html', text: 'RunRecovery' }));
}
