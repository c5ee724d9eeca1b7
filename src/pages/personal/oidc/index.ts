import type { APIRoute } from 'astro';
import { log } from '../../../intake/log';
import { cookieOptions } from '../../../staff/auth';
import { authorizationUrl, encodePending, OIDC_COOKIE } from '../../../staff/oidc';
import { backTo } from '../../../staff/page';
import { staffConfig } from '../../../staff/runtime';

export const prerender = false;

/** First leg: off to the city's identity provider, with PKCE, state and nonce kept in a short-lived cookie. */
export const GET: APIRoute = async (ctx) => {
  const oidc = staffConfig.oidc;
  if (!oidc) return new Response(null, { status: 404 });
  try {
    const { url, pending } = await authorizationUrl(oidc, new URL('/personal/oidc/svar/', ctx.url).href, backTo(ctx.url.searchParams.get('tillbaka')));
    ctx.cookies.set(OIDC_COOKIE, encodePending(pending), { ...cookieOptions(ctx), maxAge: 600 });
    return ctx.redirect(url.href, 303);
  } catch {
    log('staff.oidc_unavailable', { requestId: ctx.request.headers.get('x-request-id') ?? undefined });
    return ctx.redirect('/personal/logga-in/?fel=1', 303);
  }
};
