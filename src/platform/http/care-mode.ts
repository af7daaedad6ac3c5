import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The 关怀模式 (适老化, issue 17 §4): larger text, larger targets, stronger contrast and nothing that
 * moves (ui/static/care.css). Switched by a plain link in the portal's header, so it works without
 * JavaScript, and remembered for a year in a cookie that says how pages look, nothing about the
 * person: public pages stay shared, kept in the page cache once per mode (ADR 0013).
 */

/** `1` while the visitor has the 关怀模式 on. */
export const CARE_COOKIE = 'gk_care';
const careCookie = new RegExp(`(^|;)\\s*${CARE_COOKIE}=1\\s*(;|$)`);
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Whether the request's browser has the 关怀模式 on (read from the header: before the cookie parser runs). */
export function careModeOf(req: FastifyRequest): boolean {
  return careCookie.test(req.headers.cookie ?? '');
}

/**
 * Where the switch sends the browser back to: a path of this site (one `/`, then no second `/` or
 * backslash, no whitespace or control character), else the home page — never another site.
 */
export function sameSitePath(back: unknown): string {
  if (typeof back !== 'string' || back.length > 2000) return '/';
  if (!/^\/(?![/\\])[^\s\\\p{Cc}]*$/u.test(back) || /^\/care(\?|\/|$)/.test(back)) return '/';
  try {
    // A Location header carries ASCII only: a typed-in Chinese path goes back percent-encoded.
    return back.replace(/[^\x21-\x7e]+/g, (c) => encodeURIComponent(c));
  } catch {
    return '/';
  }
}

/** `GET /care?on=1|0&back=<path>`: sets or clears the cookie, then 303 back to `back`. */
export function registerCareSwitch(app: FastifyInstance, opts: { cookieSecure: boolean }): void {
  app.get<{ Querystring: { on?: string; back?: string } }>(
    '/care',
    { schema: { hide: true } },
    async (req, reply) => {
      const cookie = {
        path: '/',
        sameSite: 'lax' as const,
        httpOnly: true,
        secure: opts.cookieSecure || req.protocol === 'https',
      };
      if (req.query.on === '0') reply.clearCookie(CARE_COOKIE, cookie);
      else reply.setCookie(CARE_COOKIE, '1', { ...cookie, maxAge: YEAR_SECONDS });
      return reply.redirect(sameSitePath(req.query.back), 303);
    },
  );
}
