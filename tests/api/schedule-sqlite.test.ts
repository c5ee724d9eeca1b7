import { scheduleSuite } from './schedule-suite';

scheduleSuite('sqlite', async () => ({}));
