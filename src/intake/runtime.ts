import { catalog } from '../catalog/index.ts';
import { readConfig } from './config.ts';
import { sharedStore } from './db.ts';
import { RateLimiter } from './http.ts';

/** What the API routes share within one server process. */
export const config = readConfig();
export const locations = catalog.locations;
export const store = () => sharedStore(config);
export const bookingLimiter = new RateLimiter(config.bookingRateLimit);
