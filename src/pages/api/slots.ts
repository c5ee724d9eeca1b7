import type { APIRoute } from 'astro';
import { meetingTypeIds, type MeetingType } from '../../catalog/schema';
import { addDays, daysBetween, isIsoDate, stockholmDate, stockholmIso } from '../../intake/calendar';
import { apiError, json } from '../../intake/http';
import { log } from '../../intake/log';
import { locations, store } from '../../intake/runtime';
import { slotsBetween } from '../../intake/slots';

export const prerender = false;

const MAX_RANGE_DAYS = 62;

export const GET: APIRoute = async ({ url, request }) => {
  const q = url.searchParams;
  const location = locations.find((l) => l.id === q.get('location'));
  const type = q.get('type') as MeetingType;
  const now = new Date();
  const from = q.get('from') ?? stockholmDate(now);
  const to = q.get('to') ?? addDays(from, 13);
  if (
    !location ||
    !(meetingTypeIds as readonly string[]).includes(type) ||
    !location.meetingTypes.includes(type) ||
    !isIsoDate(from) ||
    !isIsoDate(to) ||
    to < from ||
    daysBetween(from, to) > MAX_RANGE_DAYS
  ) {
    return apiError(400, 'invalid_query');
  }
  try {
    const intake = await store();
    const slots = slotsBetween(location, type, from, to, now, await intake.schedule().between([location.id], from, to));
    const taken = await intake.taken(slots.map((s) => s.id));
    return json(200, {
      slots: slots.map((s) => ({
        id: s.id,
        start: stockholmIso(s.start),
        end: stockholmIso(s.end),
        location: s.location,
        type: s.type,
        remaining: Math.max(0, s.capacity - (taken.get(s.id) ?? 0)),
      })),
    });
  } catch {
    log('slots.db_unavailable', { requestId: request.headers.get('x-request-id') ?? undefined });
    return apiError(503, 'unavailable', {}, { 'retry-after': '30' });
  }
};
