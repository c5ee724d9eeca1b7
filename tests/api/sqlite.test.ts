import { intakeSuite } from './intake-suite';

intakeSuite('sqlite', async () => ({}));
