import { staffActionsSuite } from './staff-actions-suite';

staffActionsSuite('sqlite', async () => ({}));
