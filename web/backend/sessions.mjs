// Per-browser sessions, in memory only (nothing is written anywhere): an HttpOnly,
// SameSite=Strict cookie names one. A session holds up to two credentials — the `candidate`
// being verified and the `active` connection — the active one's health record, and the
// step outputs of the last job listed.
import { randomBytes } from 'node:crypto';

export const COOKIE_NAME = 'cci_session';

/**
 * A credential: the token (secret: only ever put in a Circle-Token header), the CircleCI
 * origin it is for, its masked form, which verification stages CircleCI answered with ok,
 * and the organizations `/me/collaborations` listed.
 */
export function credential({ token, origin, masked }) {
  return { token, origin, masked, passed: new Set(), organizations: [] };
}

function cookieValue(header, name) {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/** idleMs: a session unused this long is forgotten; max: at most this many are kept. */
export function createSessionStore({ idleMs = 8 * 3600_000, max = 1000, now = Date.now } = {}) {
  const sessions = new Map();

  function sweep() {
    for (const [id, session] of sessions) if (now() - session.seenAt > idleMs) sessions.delete(id);
    while (sessions.size >= max) sessions.delete(sessions.keys().next().value);
  }

  return {
    /** The request's live session, or null. */
    find(req) {
      const session = sessions.get(cookieValue(req.headers.cookie, COOKIE_NAME) ?? '');
      if (!session || now() - session.seenAt > idleMs) return null;
      session.seenAt = now();
      return session;
    },

    /** A new empty session and the Set-Cookie header value that names it. */
    create() {
      sweep();
      const id = randomBytes(32).toString('base64url');
      const session = { id, seenAt: now(), candidate: null, active: null, record: null, outputs: new Map() };
      sessions.set(id, session);
      return { session, cookie: `${COOKIE_NAME}=${id}; Path=/api; HttpOnly; SameSite=Strict` };
    },
  };
}
