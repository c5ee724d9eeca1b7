import type { APIRoute } from 'astro';
import { apiError, json, secretMatches } from '../../intake/http';
import { config, store } from '../../intake/runtime';

export const prerender = false;

/**
 * Whether the database answers. With the staff token (operators) the answer
 * also counts the outbox's messages per state: a growing "failed" or any
 * "dead" is worth a look.
 */
export const GET: APIRoute = async ({ request }) => {
  const db = config.databaseUrl ? 'postgres' : 'sqlite';
  const bearer = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const operator = config.staffToken !== undefined && secretMatches(bearer, config.staffToken);
  try {
    const intake = await store();
    await intake.ping();
    return json(200, { status: 'ok', db, ...(operator ? { messages: await intake.messageCounts() } : {}) });
  } catch {
    return apiError(503, 'db_unavailable', { db });
  }
};
