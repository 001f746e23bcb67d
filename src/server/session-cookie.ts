import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, setCookie } from 'hono/cookie';

/** The cookie a person's session travels in, for the API and the dashboard alike. */
export const SESSION_COOKIE = 'lw_session';

/** Sets the session cookie: HttpOnly, SameSite=Strict, `Secure` behind HTTPS. */
export function setSessionCookie(c: Context, session: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: 'Strict', secure, path: '/' });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** The address a request came from (the socket's peer; a proxy in front makes every client one). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
