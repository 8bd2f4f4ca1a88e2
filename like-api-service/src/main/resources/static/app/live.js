// Live counts from GET /like/stream (Server-Sent Events). Every (re)connection starts with the current count of each
// post, so nothing missed while disconnected stays wrong.

import { announce } from './messages.js';

let source = null;
let retryTimer = null;

/**
 * Follows the posts' counts, replacing any earlier stream.
 *
 * @param {string[]} postIds
 * @param {(postId: string, count: number) => void} onCount
 */
export function follow(postIds, onCount) {
  stop();
  if (postIds.length === 0) return;
  const url = `/like/stream?postIds=${postIds.map(encodeURIComponent).join(',')}`;
  source = new EventSource(url);
  let lost = false;
  source.addEventListener('count', (event) => {
    const update = JSON.parse(event.data);
    onCount(update.postId, update.count);
  });
  source.addEventListener('open', () => {
    if (lost) announce('Live counts are back.');
    lost = false;
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      // The server refused the stream (full, or down): EventSource gives up, so try again later ourselves.
      announce('Live counts paused; retrying.');
      retryTimer = setTimeout(() => follow(postIds, onCount), 5000);
    } else {
      lost = true; // EventSource reconnects by itself, after the server's retry delay
    }
  });
}

export function stop() {
  clearTimeout(retryTimer);
  if (source) source.close();
  source = null;
}
