import type { APIRoute } from 'astro';
import { apiError, json } from '../../intake/http';
import { config, store } from '../../intake/runtime';
import { keyFor } from '../../staff/keys';

export const prerender = false;

/**
 * Whether the database answers. With an integration key (operators' monitoring
 * gets one like any integration) the answer also counts the outbox's messages
 * per state: a growing "failed" or any "dead" is worth a look. Counts only, so
 * no audit row: nothing personal is read.
 */
export const GET: APIRoute = async ({ request }) => {
  const db = config.databaseUrl ? 'postgres' : 'sqlite';
  const bearer = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  try {
    const intake = await store();
    await intake.ping();
    const operator = bearer !== undefined && (await keyFor(intake.staff(), bearer)) !== undefined;
    return json(200, { status: 'ok', db, ...(operator ? { messages: await intake.messageCounts() } : {}) });
  } catch {
    return apiError(503, 'db_unavailable', { db });
  }
};
