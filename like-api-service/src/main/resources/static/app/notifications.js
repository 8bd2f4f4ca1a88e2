// The bell: the unread count and the list from notification-service, refreshed every few seconds while signed in.

import { request, explain, ApiError } from './api.js';
import { token } from './session.js';
import { showError, announce } from './messages.js';

const POLL_MILLIS = 5000;

let baseUrl = '';
let timer = null;
let lastUnread = 0;

export function wireNotifications(notificationsUrl) {
  baseUrl = notificationsUrl;
  const bell = document.getElementById('bell');
  const panel = document.getElementById('notifications');
  bell.addEventListener('click', () => setOpen(panel.hidden));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      setOpen(false);
      bell.focus();
    }
  });
  document.getElementById('mark-all-read').addEventListener('click', markAllRead);
}

/** Starts (signed in) or stops (signed out) following the signed-in user's notifications. */
export function followNotifications() {
  clearTimeout(timer);
  const bell = document.getElementById('bell');
  bell.disabled = !token();
  if (!token()) {
    setOpen(false);
    render({ items: [], unreadCount: 0 });
    return;
  }
  poll();
}

async function poll() {
  clearTimeout(timer);
  let delay = POLL_MILLIS;
  try {
    render(await request(`${baseUrl}/notifications?page=0&size=20`, { token: token() }));
  } catch (error) {
    showError(explain(error, 'load notifications'));
    if (error instanceof ApiError && error.retryAfterSeconds != null) delay = error.retryAfterSeconds * 1000;
    if (error instanceof ApiError && error.status === 401) return; // polling cannot fix a sign-in
  }
  if (token()) timer = setTimeout(poll, delay);
}

async function markAllRead() {
  try {
    await request(`${baseUrl}/notifications/read-all`, { method: 'POST', token: token() });
    announce('All notifications marked read.');
    await poll();
  } catch (error) {
    showError(explain(error, 'mark notifications read'));
  }
}

function render(page) {
  const unread = Number(page.unreadCount) || 0;
  document.querySelector('[data-role="unread-count"]').textContent = String(unread);
  const bell = document.getElementById('bell');
  bell.setAttribute('aria-label', `Notifications: ${unread} unread`);
  bell.classList.toggle('has-unread', unread > 0);
  if (unread > lastUnread) announce(`${unread} unread notification${unread === 1 ? '' : 's'}.`);
  lastUnread = unread;

  const items = page.items ?? [];
  const list = document.querySelector('[data-role="notification-list"]');
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      li.className = item.read ? 'notification' : 'notification unread';
      li.textContent = item.text;
      if (!item.read) {
        const marker = document.createElement('span');
        marker.className = 'visually-hidden';
        marker.textContent = ' (unread)';
        li.append(marker);
      }
      return li;
    }),
  );
  document.querySelector('[data-role="notifications-empty"]').hidden = items.length > 0;
  document.getElementById('mark-all-read').disabled = unread === 0;
}

function setOpen(open) {
  document.getElementById('notifications').hidden = !open;
  document.getElementById('bell').setAttribute('aria-expanded', String(open));
  if (open && token()) poll();
}
