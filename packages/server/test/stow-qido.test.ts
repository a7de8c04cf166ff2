import { archiveSuite } from './support/suite.js';

archiveSuite('SQLite', () => ({ db: 'sqlite' }));
