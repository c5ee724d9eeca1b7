import type { APIRoute } from 'astro';
import { isStaffLanguage, LANGUAGE_COOKIE } from '../../../staff/i18n';
import { backTo } from '../../../staff/page';

export const prerender = false;

/** Swedish or English for the staff pages: a preference cookie (nothing personal), then back where the person was. */
export const GET: APIRoute = ({ url, cookies, redirect }) => {
  const lang = url.searchParams.get('till') ?? undefined;
  if (isStaffLanguage(lang)) cookies.set(LANGUAGE_COOKIE, lang, { path: '/personal/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400 });
  return redirect(backTo(url.searchParams.get('tillbaka')), 303);
};
