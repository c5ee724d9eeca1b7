import type { APIRoute } from 'astro';
import { log } from '../../../../intake/log';
import { record } from '../../../../staff/audit';
import { startSession } from '../../../../staff/auth';
import { completeSignIn, decodePending, OIDC_COOKIE } from '../../../../staff/oidc';
import { staffConfig, staffStore } from '../../../../staff/runtime';

export const prerender = false;

/** Second leg: the provider's code for tokens; a person whose groups give a role here is signed in. */
export const GET: APIRoute = async (ctx) => {
  const oidc = staffConfig.oidc;
  if (!oidc) return new Response(null, { status: 404 });
  const requestId = ctx.request.headers.get('x-request-id') ?? undefined;
  const pending = decodePending(ctx.cookies.get(OIDC_COOKIE)?.value);
  ctx.cookies.delete(OIDC_COOKIE, { path: '/' });
  const now = new Date();
  let account;
  try {
    account = pending && (await completeSignIn(oidc, ctx.url, pending, await staffStore(), now));
  } catch (error) {
    log('staff.oidc_refused', { requestId, error: error instanceof Error ? error.name : 'unknown' });
  }
  if (!pending || !account) return ctx.redirect('/personal/logga-in/?fel=1', 303);
  await startSession(ctx, account, now);
  await record({ actorKind: 'staff', actorId: account.id, action: 'signin', bookingRefs: [], detail: 'oidc', requestId });
  log('staff.signin', { requestId, account: account.id });
  return ctx.redirect(pending.back, 303);
};
