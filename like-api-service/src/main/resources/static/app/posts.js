// The list of posts: each with its id, owner, a like button (optimistic, rolled back on error) and its live count.

import { request, explain, ApiError } from './api.js';
import { token } from './session.js';
import { showError, clearError, announce } from './messages.js';

const list = () => document.getElementById('posts');

/** Renders the posts (ids in order) and fills in owner, count and whether the signed-in user likes each. */
export async function showPosts(postIds) {
  list().replaceChildren(...postIds.map(render));
  document.querySelector('[data-role="posts-empty"]').hidden = postIds.length > 0;
  await Promise.all(postIds.map(refresh));
}

/** Adds a post at the top of the list (a post just created). */
export async function addPost(postId) {
  if (!element(postId)) list().prepend(render(postId));
  document.querySelector('[data-role="posts-empty"]').hidden = true;
  await refresh(postId);
}

export function shownPostIds() {
  return [...list().querySelectorAll('[data-post-id]')].map((li) => li.dataset.postId);
}

/** A count from the live stream (or any fresher source). */
export function showCount(postId, count) {
  const item = element(postId);
  if (!item) return;
  setCount(item, count);
}

/** Re-reads every post, e.g. after signing in or out (likedByMe depends on who asks). */
export async function refreshAll() {
  await Promise.all(shownPostIds().map(refresh));
}

function render(postId) {
  const item = document.getElementById('post-template').content.firstElementChild.cloneNode(true);
  item.dataset.postId = postId;
  const titleId = `post-title-${postId}`;
  const heading = item.querySelector('[data-role="post-id"]');
  heading.id = titleId;
  heading.textContent = postId;
  item.querySelector('article').setAttribute('aria-labelledby', titleId);
  const button = item.querySelector('button[data-action="like"]');
  button.setAttribute('aria-describedby', titleId);
  button.addEventListener('click', () => toggle(item, button));
  return item;
}

async function refresh(postId) {
  const item = element(postId);
  try {
    const post = await request(`/posts/${encodeURIComponent(postId)}`, { token: token() });
    item.querySelector('[data-role="owner"]').textContent = post.ownerId;
    setCount(item, post.likeCount);
    setPressed(item.querySelector('button[data-action="like"]'), post.likedByMe === true);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      item.querySelector('[data-role="owner"]').textContent = 'unknown (no such post)';
      item.querySelector('button[data-action="like"]').disabled = true;
    } else {
      showError(explain(error, `load post ${postId}`));
    }
  }
}

async function toggle(item, button) {
  if (button.getAttribute('aria-busy') === 'true') return; // one change in flight per post
  const postId = item.dataset.postId;
  if (!token()) {
    showError('Sign in to like posts.');
    return;
  }
  const liking = button.getAttribute('aria-pressed') !== 'true';
  const before = countOf(item);
  // Optimistic: the person sees the result at once; the answer confirms it or rolls it back.
  setPressed(button, liking);
  setCount(item, Math.max(0, before + (liking ? 1 : -1)));
  button.setAttribute('aria-busy', 'true');
  try {
    const answer = await request(`/like/${encodeURIComponent(postId)}`, {
      method: liking ? 'POST' : 'DELETE',
      token: token(),
    });
    clearError();
    setPressed(button, answer.liked);
    if (!answer.changed) {
      // Already so (another tab, another device): the count never moved.
      setCount(item, before);
    }
    announce(answer.liked ? `You like ${postId}.` : `You no longer like ${postId}.`);
  } catch (error) {
    setPressed(button, !liking);
    setCount(item, before);
    showError(explain(error, liking ? `like ${postId}` : `unlike ${postId}`));
  } finally {
    button.removeAttribute('aria-busy');
  }
}

function element(postId) {
  return [...list().querySelectorAll('[data-post-id]')].find((li) => li.dataset.postId === postId) ?? null;
}

function countOf(item) {
  return Number(item.querySelector('[data-role="count"]').textContent) || 0;
}

function setCount(item, count) {
  const value = Math.max(0, Math.trunc(Number(count) || 0));
  item.querySelector('[data-role="count"]').textContent = String(value);
  item.querySelector('[data-role="count-noun"]').textContent = value === 1 ? 'like' : 'likes';
}

function setPressed(button, pressed) {
  // The label stays "Like": screen readers announce the state from aria-pressed ("Like, toggle button, pressed").
  button.setAttribute('aria-pressed', String(pressed));
}
