import type { APIRoute } from 'astro';
import { apiError, json } from '../../intake/http';
import { config, store } from '../../intake/runtime';

export const prerender = false;

export const GET: APIRoute = async () => {
  const db = config.databaseUrl ? 'postgres' : 'sqlite';
  try {
    await (await store()).ping();
    return json(200, { status: 'ok', db });
  } catch {
    return apiError(503, 'db_unavailable', { db });
  }
};
