import type { APIRoute } from 'astro';
import { addressLine } from '../../../catalog/index';
import { REFERENCE, sha256 } from '../../../intake/booking';
import { apiError } from '../../../intake/http';
import { bookingIcs } from '../../../intake/ics';
import { log } from '../../../intake/log';
import { locations, store } from '../../../intake/runtime';
import { isLocale } from '../../../i18n/locales';
import { useTranslations } from '../../../i18n/translate';

export const prerender = false;

export const GET: APIRoute = async ({ params, url, request }) => {
  const reference = params.reference ?? '';
  if (!REFERENCE.test(reference)) return apiError(404, 'not_found');
  let booking;
  try {
    booking = await (await store()).find(reference);
  } catch {
    log('ics.db_error', { requestId: request.headers.get('x-request-id') ?? undefined });
    return apiError(503, 'unavailable');
  }
  if (!booking) return apiError(404, 'not_found');
  const token = url.searchParams.get('token') ?? '';
  if (sha256(token) !== booking.cancelTokenHash) return apiError(403, 'wrong_token');

  const language = isLocale(booking.language) ? booking.language : 'sv';
  const c = useTranslations(language, 'content');
  const location = locations.find((l) => l.id === booking.location);
  const address = location?.exampleConfiguration.address;
  const place = [location?.name, address && addressLine(address)].filter(Boolean).join(', ');
  const body = bookingIcs(
    booking,
    {
      title: c(`meeting.${booking.type}` as 'meeting.intro'),
      place,
      ...(location?.exampleConfiguration.example ? { note: c('locations.exampleNotice') } : {}),
      url: new URL(`/${language}/boka/avboka/?ref=${reference}&token=${token}`, url).href,
    },
    url.hostname,
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${reference}.ics"`,
      'cache-control': 'no-store',
    },
  });
};
