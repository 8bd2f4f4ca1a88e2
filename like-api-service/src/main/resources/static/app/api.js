// Calls to the suite's services. Every failure becomes an ApiError the page can explain to a person.

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when the server could not be reached
   * @param {string} detail the problem's detail, safe to show
   * @param {number|null} retryAfterSeconds from the Retry-After header, when the server gave one
   */
  constructor(status, detail, retryAfterSeconds) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Sends a request and returns the JSON answer (null for an empty one).
 *
 * @param {string} url
 * @param {{method?: string, token?: string|null, body?: unknown}} options
 */
export async function request(url, { method = 'GET', token = null, body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', // bearer tokens only: nothing for another site to ride on
    });
  } catch (networkFailure) {
    throw new ApiError(0, 'The server cannot be reached.', null);
  }
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json?.detail || json?.title || '', retryAfter(response));
  }
  return json;
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Seconds from a Retry-After header, which may be a number of seconds or an HTTP date. */
function retryAfter(response) {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** What a person should read for an error. */
export function explain(error, action) {
  if (!(error instanceof ApiError)) return `Could not ${action}: something went wrong.`;
  const wait = error.retryAfterSeconds != null ? ` Try again in ${error.retryAfterSeconds} s.` : ' Try again shortly.';
  switch (error.status) {
    case 0:
      return `Could not ${action}: the server cannot be reached. Check your connection.`;
    case 401:
      return `Could not ${action}: you are not signed in, or your sign-in has expired. Please sign in.`;
    case 403:
      return `Could not ${action}: you are not allowed to.`;
    case 404:
      return `Could not ${action}: not found.`;
    case 429:
      return `Could not ${action}: too many requests.${wait}`;
    case 503:
      return `Could not ${action}: the service is busy or unavailable.${wait}`;
    default:
      return `Could not ${action}: ${error.detail || `error ${error.status}`}.`;
  }
}
