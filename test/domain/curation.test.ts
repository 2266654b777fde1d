import t from 'tap';
import { ACTIONS, transition, type Actor, type CurationAction, type CurationSubject } from '../../src/domain/curation.js';
import { PRACTICE_STATUSES, type PracticeStatus } from '../../src/domain/practice.js';

// The workflow as the issue states it, written out independently of the implementation's table.
const ALLOWED: Array<[CurationAction, PracticeStatus, PracticeStatus]> = [
  ['claim', 'submitted', 'in-review'],
  ['release', 'in-review', 'submitted'],
  ['publish', 'in-review', 'published'],
  ['request-changes', 'in-review', 'changes-requested'],
  ['reject', 'in-review', 'rejected'],
  ['resubmit', 'changes-requested', 'submitted'],
  ['archive', 'published', 'archived'],
  ['restore', 'archived', 'published'],
  ['merge', 'published', 'archived'],
  ['edit', 'in-review', 'in-review'],
  ['edit', 'published', 'published'],
  ['feature', 'published', 'published'],
  ['unfeature', 'published', 'published'],
];

const curator: Actor = { kind: 'user', id: 1, role: 'curator', email: 'c@x.org' };
const other: Actor = { kind: 'user', id: 2, role: 'curator', email: 'o@x.org' };
const admin: Actor = { kind: 'user', id: 3, role: 'admin', email: 'a@x.org' };
const contributor: Actor = { kind: 'contributor' };
const anonymous: Actor = { kind: 'anonymous' };

const ready = (status: PracticeStatus): CurationSubject => ({
  status,
  claimedBy: status === 'in-review' ? 1 : null,
  countries: ['GT'],
  pillars: ['migration-management'],
  summary: 'S',
  bodyMarkdown: 'B',
  unresolvedPartners: [],
});
const input = { message: 'Please add results', reason: 'duplicate' as const, survivorStatus: 'published' as const };

t.test('every action from every status: allowed exactly as the workflow says', async (t) => {
  let checked = 0;
  for (const action of ACTIONS) {
    for (const from of PRACTICE_STATUSES) {
      const expected = ALLOWED.find(([a, f]) => a === action && f === from);
      const actor = action === 'resubmit' ? contributor : curator;
      const r = transition(ready(from), action, actor, input);
      if (expected) t.same(r, { ok: true, next: expected[2] }, `${action} from ${from}`);
      else t.match(r, { ok: false, code: 'invalid_transition' }, `${action} from ${from} is refused`);
      checked++;
    }
  }
  t.equal(checked, ACTIONS.length * PRACTICE_STATUSES.length);
});

t.test('who may act', async (t) => {
  for (const [action, from] of ALLOWED) {
    if (action === 'resubmit') {
      t.match(transition(ready(from), action, curator, input), { ok: false, code: 'forbidden' }, 'curators do not resubmit');
      t.match(transition(ready(from), action, anonymous, input), { ok: false, code: 'forbidden' });
      continue;
    }
    for (const actor of [contributor, anonymous, { kind: 'system' } as Actor]) {
      t.match(transition(ready(from), action, actor, input), { ok: false, code: 'forbidden' }, `${actor.kind} cannot ${action}`);
    }
    t.equal(transition(ready(from), action, admin, input).ok, true, `admin can ${action} from ${from}`);
  }
  // A record in review belongs to the curator who claimed it.
  for (const action of ['publish', 'reject', 'request-changes', 'release', 'edit'] as const) {
    t.match(transition(ready('in-review'), action, other, input), { ok: false, code: 'forbidden' }, `another curator cannot ${action}`);
    t.equal(transition(ready('in-review'), action, admin, input).ok, true, `an admin can ${action} anyway`);
  }
});

t.test('publishing requires countries, pillars, summary, body and resolved partners', async (t) => {
  const subject = { ...ready('in-review'), countries: [], pillars: [], summary: ' ', bodyMarkdown: '', unresolvedPartners: ['Red X'] };
  const r = transition(subject, 'publish', curator);
  t.match(r, { ok: false, code: 'not_ready', missing: ['countries', 'pillars', 'summary', 'body', 'other_partners'] });
  t.equal(transition({ ...subject, countries: ['GT'], pillars: ['x'], summary: 's', bodyMarkdown: 'b', unresolvedPartners: [] }, 'publish', curator).ok, true);
});

t.test('messages, reasons and merge targets', async (t) => {
  t.match(transition(ready('in-review'), 'request-changes', curator, {}), { ok: false, code: 'invalid_input', field: 'message' });
  t.match(transition(ready('in-review'), 'reject', curator, { message: 'x' }), { ok: false, code: 'invalid_input', field: 'reason' });
  t.match(transition(ready('in-review'), 'reject', curator, { reason: 'other' }), { ok: false, code: 'invalid_input', field: 'message' });
  t.match(transition(ready('published'), 'merge', curator, { survivorStatus: 'archived' }), { ok: false, code: 'invalid_input', field: 'survivor' });
});
