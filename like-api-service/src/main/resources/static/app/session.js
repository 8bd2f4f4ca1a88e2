// The signed-in user: a bearer token in localStorage["likes.token"], whoever issued it.

const TOKEN_KEY = 'likes.token';

export function token() {
  const value = localStorage.getItem(TOKEN_KEY);
  return value && !isExpired(value) ? value : null;
}

export function signIn(value) {
  localStorage.setItem(TOKEN_KEY, value);
}

export function signOut() {
  localStorage.removeItem(TOKEN_KEY);
}

/** The user the token names (its sub), for display only: the services check the token themselves. */
export function user() {
  const claims = claimsOf(token());
  return claims?.sub ?? null;
}

function isExpired(value) {
  const claims = claimsOf(value);
  return typeof claims?.exp === 'number' && claims.exp * 1000 <= Date.now();
}

function claimsOf(value) {
  if (!value) return null;
  const payload = value.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
