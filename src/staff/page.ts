import type { AstroCookies } from 'astro';
import { readBody } from '../intake/http.ts';
import { csrfOk, currentSession, type Signed } from './auth.ts';
import type { StaffAccount } from '../intake/staff-store.ts';
import { ChangeNotSaved } from './actions.ts';
import { AuditUnavailable } from './audit.ts';
import { isStaffLanguage, LANGUAGE_COOKIE, staffFormat, staffT, type StaffLanguage } from './i18n.ts';

/**
 * The start of every signed-in staff page: language, session, the form of a
 * POST (CSRF checked), and the answer when any of it fails. Pages then read
 * data only through the audit service (audit.ts).
 */
export interface PageContext {
  request: Request;
  url: URL;
  cookies: AstroCookies;
  clientAddress: string;
  redirect: (path: string, status?: 301 | 302 | 303 | 307 | 308) => Response;
}

export const SIGN_IN = '/personal/logga-in/';

export function staffLanguage(cookies: AstroCookies): StaffLanguage {
  const v = cookies.get(LANGUAGE_COOKIE)?.value;
  return isStaffLanguage(v) ? v : 'sv';
}

/** What every signed-in page starts from: who, in which language, its words and formats, and the request's id for the log. */
interface Signedin {
  signed: Signed;
  person: StaffAccount;
  lang: StaffLanguage;
  t: ReturnType<typeof staffT>;
  f: ReturnType<typeof staffFormat>;
  requestId: string | undefined;
}

export type Page =
  | ({ kind: 'ok'; form: URLSearchParams | undefined } & Signedin)
  | { kind: 'response'; response: Response }
  /** A POST without this session's token or from another site. */
  | ({ kind: 'invalid' } & Signedin);

export async function staffPage(ctx: PageContext): Promise<Page> {
  const lang = staffLanguage(ctx.cookies);
  const t = staffT(lang);
  const now = new Date();
  const signed = await currentSession(ctx, now);
  if (!signed) {
    // The address to come back to is kept only for GETs of staff pages, and it names no person.
    const back = ctx.request.method === 'GET' ? `?tillbaka=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}` : '';
    return { kind: 'response', response: ctx.redirect(`${SIGN_IN}${back}`, 303) };
  }
  const signedIn: Signedin = { signed, person: signed.account, lang, t, f: staffFormat(lang), requestId: ctx.request.headers.get('x-request-id') ?? undefined };
  let form: URLSearchParams | undefined;
  if (ctx.request.method === 'POST') {
    const body = await readBody(ctx.request);
    if (body.kind !== 'form' || !csrfOk(ctx, body.value, signed.csrfToken)) return { kind: 'invalid', ...signedIn };
    form = body.value;
  }
  return { kind: 'ok', ...signedIn, form };
}

/** A path inside the staff workspace to return to, or the start page: never another site. */
export function backTo(value: string | null | undefined): string {
  return value && /^\/personal\/[\w\-/%?=&.]*$/.test(value) && !value.startsWith('//') ? value : '/personal/';
}

/** What a staff page shows instead of its data (components/staff/Problem.astro), and the status it answers with. */
export type ProblemKind = 'forbidden' | 'notFound' | 'unavailable' | 'notLogged' | 'notSaved' | 'invalid';
export const problemStatus = {
  forbidden: 403,
  // A POST without this session's token or from another site.
  invalid: 403,
  notFound: 404,
  // A read whose audit row cannot be written (or the database is gone): nothing is shown.
  unavailable: 503,
  // A change whose audit row could not be written: nothing was changed.
  notLogged: 503,
  // A change that failed for another reason (the database gone): nothing was changed.
  notSaved: 503,
} as const satisfies Record<ProblemKind, number>;

/** What a page shows for a change that failed (actions.ts): the trail down, or the change not saved. Anything else is a fault and propagates. */
export function problemOf(error: unknown): 'notLogged' | 'notSaved' {
  if (error instanceof AuditUnavailable) return 'notLogged';
  if (error instanceof ChangeNotSaved) return 'notSaved';
  throw error;
}
