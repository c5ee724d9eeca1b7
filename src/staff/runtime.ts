import { limiterOf, store } from '../intake/runtime.ts';
import { readStaffConfig } from './config.ts';

/** What the staff pages and the staff API share within one server process. */
export const staffConfig = readStaffConfig();
export const staffStore = async () => (await store()).staff();
/** Per-client slowdown of sign-in attempts (the per-account lockout is in the database). */
export const signInLimiter = () => limiterOf('sign-in', staffConfig.signInRateLimit);
