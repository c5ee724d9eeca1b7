import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AstroCookies } from 'astro';
import { sha256 } from '../intake/booking.ts';
import { trust } from '../intake/runtime.ts';
import { sameOrigin } from '../intake/http.ts';
import { log } from '../intake/log.ts';
import type { StaffAccount } from '../intake/staff-store.ts';
import { sessionEnds } from './config.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password.ts';
import { staffConfig, staffStore } from './runtime.ts';
import { totpStep } from './totp.ts';

/**
 * Staff sessions: a random token in an HttpOnly cookie, its SHA-256 in the
 * database (so every instance knows it and a stolen table opens nothing).
 */
export const SESSION_COOKIE = 'jt_staff';
/** The sign-in form's own CSRF token, before there is a session (double-submit). */
export const PRE_SESSION_COOKIE = 'jt_staff_pre';

export interface Request {
  request: globalThis.Request;
  url: URL;
  cookies: AstroCookies;
  /** The socket's address: whether the hop before us is a trusted proxy. */
  clientAddress: string;
}

export interface Signed {
  account: StaffAccount;
  tokenHash: string;
  csrfToken: string;
  /** When the session ends if nothing more happens. */
  endsAt: Date;
}

export const newToken = () => randomBytes(32).toString('base64url');

/** Secure behind TLS: the request came over https, directly or through a trusted proxy (whose X-Forwarded-Proto counts). */
function overTls(r: Request): boolean {
  return r.url.protocol === 'https:' || (trust(r.clientAddress, 0) && r.request.headers.get('x-forwarded-proto') === 'https');
}

export function cookieOptions(r: Request, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: overTls(r), ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

/** The signed-in person, or undefined; a live session's idle clock starts again (unless `peek`). */
export async function currentSession(r: Request, now: Date, peek = false): Promise<Signed | undefined> {
  const token = r.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return undefined;
  const tokenHash = sha256(token);
  const staff = await staffStore();
  const session = await staff.session(tokenHash);
  if (!session) return undefined;
  if (sessionEnds(session, staffConfig).getTime() <= now.getTime()) {
    await staff.endSession(tokenHash);
    return undefined;
  }
  const account = await staff.accountById(session.accountId);
  if (!account || account.disabledAt) return undefined;
  if (!peek) await staff.touchSession(tokenHash, now);
  const endsAt = sessionEnds({ createdAt: session.createdAt, lastSeenAt: peek ? session.lastSeenAt : now }, staffConfig);
  return { account, tokenHash, csrfToken: session.csrfToken, endsAt };
}

export async function startSession(r: Request, account: StaffAccount, now: Date): Promise<void> {
  const token = newToken();
  await (await staffStore()).createSession({ tokenHash: sha256(token), accountId: account.id, csrfToken: newToken(), now });
  r.cookies.set(SESSION_COOKIE, token, cookieOptions(r));
  r.cookies.delete(PRE_SESSION_COOKIE, { path: '/' });
}

const same = (a: string, b: string) => {
  const x = Buffer.from(sha256(a), 'hex');
  const y = Buffer.from(sha256(b), 'hex');
  return timingSafeEqual(x, y);
};

/** Every staff POST: from this site (Origin), with the form's token matching the session's (or the pre-session cookie's). */
export function csrfOk(r: Request, form: URLSearchParams, expected: string | undefined): boolean {
  if (!sameOrigin(r.request, r.url)) return false;
  const given = form.get('csrf');
  return Boolean(expected && given && same(given, expected));
}

/** The sign-in form's token: one per browser until sign-in. */
export function preSessionToken(r: Request): string {
  let token = r.cookies.get(PRE_SESSION_COOKIE)?.value;
  if (!token || !/^[\w-]{43}$/.test(token)) {
    token = newToken();
    r.cookies.set(PRE_SESSION_COOKIE, token, cookieOptions(r));
  }
  return token;
}

export type SignInResult = { kind: 'ok'; account: StaffAccount } | { kind: 'refused' };

/**
 * Password and TOTP code together, answered alike whichever was wrong, or
 * whether the account exists, is disabled or locked: an attacker learns nothing.
 * Failures in a row lock the account for a while (state in the database, so
 * every instance sees it).
 */
export async function signIn(email: string, password: string, code: string, now: Date, requestId: string | undefined): Promise<SignInResult> {
  const staff = await staffStore();
  const account = await staff.accountByEmail(email.trim().toLowerCase());
  if (!account || account.source !== 'local' || !account.passwordHash || !account.totpSecret) {
    await verifyAgainstNothing(password);
    log('staff.signin_refused', { requestId });
    return { kind: 'refused' };
  }
  const passwordOk = await verifyPassword(password, account.passwordHash);
  const step = totpStep(account.totpSecret, code, now.getTime());
  const locked = account.lockedUntil !== null && account.lockedUntil.getTime() > now.getTime();
  if (locked || account.disabledAt || !passwordOk || step === null || !(await staff.acceptSignIn(account.id, step))) {
    if (!locked && !account.disabledAt) await staff.recordFailure(account.id, staffConfig.lockoutAfter, new Date(now.getTime() + staffConfig.lockoutMinutes * 60_000));
    log('staff.signin_refused', { requestId, account: account.id });
    return { kind: 'refused' };
  }
  log('staff.signin', { requestId, account: account.id });
  return { kind: 'ok', account };
}

export { hashPassword };
