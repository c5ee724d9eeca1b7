import { staffSuite } from './staff-suite';

staffSuite('sqlite', async () => ({}));
