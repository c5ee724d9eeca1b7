import type { APIRoute } from 'astro';
import { addressLine } from '../../../catalog/index';
import { apiError } from '../../../intake/http';
import { bookingIcs } from '../../../intake/ics';
import { locations } from '../../../intake/runtime';
import { bookingByLink, bookingLinks } from '../../../intake/services';
import { isLocale } from '../../../i18n/locales';
import { useTranslations } from '../../../i18n/translate';

export const prerender = false;

export const GET: APIRoute = async ({ params, url, request }) => {
  const token = url.searchParams.get('token') ?? '';
  const access = await bookingByLink(params.reference, token, request.headers.get('x-request-id') ?? undefined);
  if (access.kind === 'unavailable') return apiError(503, 'unavailable');
  if (access.kind !== 'found') return apiError(access.kind === 'wrong_token' ? 403 : 404, access.kind);
  const { booking } = access;
  const { reference } = booking;

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
      url: new URL(bookingLinks(reference, language, token).cancelUrl, url).href,
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
