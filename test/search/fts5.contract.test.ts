import t from 'tap';
import { buildTestApp } from '../helpers/build-app.js';
import { runSearchContract } from '../helpers/search-contract.js';

// The embedded engine writes in the record's transaction: nothing to wait for.
runSearchContract(t, async (t) => ({ app: await buildTestApp(t), engine: 'fts5', settle: async () => {} }));
