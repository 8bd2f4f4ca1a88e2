// The page: which posts to show (?posts=a,b,c, else what is trending), signing in, live counts and the bell.

import { request, explain } from './api.js';
import * as session from './session.js';
import { wireMessages, showError, clearError, announce } from './messages.js';
import { showPosts, addPost, shownPostIds, showCount, refreshAll } from './posts.js';
import { follow } from './live.js';
import { wireNotifications, followNotifications } from './notifications.js';

const TRENDING_LIMIT = 20;

async function start() {
  wireMessages();
  let config;
  try {
    config = await request('/config.json');
  } catch (error) {
    showError(explain(error, 'start the page'));
    return;
  }
  wireAccount(config);
  wireNotifications(config.notificationsUrl);
  wireCreatePost();
  showAccount(config);
  followNotifications();

  const requested = requestedPosts();
  document.getElementById('create-post').hidden = requested !== null || !session.token();
  const postIds = requested ?? (await trending(config.feedUrl));
  await showPosts(postIds);
  follow(shownPostIds(), showCount);
  document.body.dataset.ready = 'true'; // for tests and tools: the first render is complete
}

/** The ?posts=a,b,c list, or null for the trending page. */
function requestedPosts() {
  const value = new URLSearchParams(location.search).get('posts');
  if (value === null) return null;
  return [...new Set(value.split(',').map((id) => id.trim()).filter((id) => /^[A-Za-z0-9_-]{1,100}$/.test(id)))];
}

async function trending(feedUrl) {
  try {
    const posts = await request(`${feedUrl}/feed/trending?limit=${TRENDING_LIMIT}`);
    return posts.map((post) => post.postId);
  } catch (error) {
    showError(explain(error, 'load the trending posts'));
    return [];
  }
}

function wireAccount(config) {
  document.getElementById('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = event.target.elements.user.value.trim();
    try {
      const answer = await request('/dev/token', { method: 'POST', body: { user } });
      session.signIn(answer.token);
      await signedInOrOut(config);
    } catch (error) {
      showError(explain(error, 'sign in'));
    }
  });
  document.getElementById('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    session.signIn(event.target.elements.token.value.trim());
    await signedInOrOut(config);
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    session.signOut();
    await signedInOrOut(config);
  });
}

async function signedInOrOut(config) {
  clearError();
  showAccount(config);
  followNotifications();
  document.getElementById('create-post').hidden = requestedPosts() !== null || !session.token();
  await refreshAll();
  announce(session.user() ? `Signed in as ${session.user()}.` : 'Signed out.');
}

function showAccount(config) {
  const user = session.user();
  document.getElementById('signed-in').hidden = !user;
  document.querySelector('[data-role="user"]').textContent = user ?? '';
  document.getElementById('sign-in').hidden = !!user || !config.devLogin;
  document.getElementById('token-form').hidden = !!user || config.devLogin;
}

function wireCreatePost() {
  document.getElementById('create-post').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = event.target.elements.id;
    const id = input.value.trim();
    try {
      const post = await request('/posts', {
        method: 'POST',
        token: session.token(),
        body: id ? { id } : {},
      });
      input.value = '';
      clearError();
      await addPost(post.id);
      follow(shownPostIds(), showCount);
      announce(`Post ${post.id} created.`);
    } catch (error) {
      showError(explain(error, 'create the post'));
    }
  });
}

start();
