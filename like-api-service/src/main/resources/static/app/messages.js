// One place for messages to the person: a dismissible alert (read out by screen readers) and a polite status line.

const box = () => document.getElementById('message');

export function showError(text) {
  const element = box();
  element.querySelector('[data-role="message-text"]').textContent = text;
  element.hidden = false;
}

export function clearError() {
  box().hidden = true;
}

export function announce(text) {
  document.getElementById('live-status').textContent = text;
}

export function wireMessages() {
  document.getElementById('message-close').addEventListener('click', clearError);
}
