import t from 'tap';
import { typoDistance, withinTypos } from '../../src/search/edit-distance.js';

t.test('typos as Meilisearch counts them', async (t) => {
  t.equal(typoDistance('amnesty', 'amnesty'), 0);
  t.equal(typoDistance('amnisty', 'amnesty'), 1, 'substitution');
  t.equal(typoDistance('darein', 'darien'), 1, 'a swap of adjacent letters is one typo');
  t.equal(typoDistance('migracion', 'migraciones'), 2, 'two insertions');
  t.equal(typoDistance('bmnesty', 'amnesty'), 2, 'a first-letter typo counts double');
  t.equal(typoDistance('mnesty', 'amnesty'), 2, 'deleting the first letter counts double');
  t.equal(typoDistance('manesty', 'amnesty'), 2, 'swapping the first two letters counts double');
  t.ok(withinTypos('darein', 'darien', 1));
  t.notOk(withinTypos('bmnesty', 'amnesty', 1));
  t.ok(withinTypos('bmnestyyyy', 'amnestyyyy', 2));
  t.notOk(withinTypos('ruta', 'rutw', 0));
  t.notOk(withinTypos('interoperab', 'interoperabilidad', 2), 'length difference beyond the budget');
});
