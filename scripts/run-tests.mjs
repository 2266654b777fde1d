#!/usr/bin/env node
// Runs the whole test command: first the type check of src, scripts and test (`tsc --noEmit`, which tap's
// TypeScript loader does not do; skipped when arguments pick tests), then the tap suite (TAP reporter, so
// every result line is visible in CI logs), then prints the plain closing line
// `N passed, N failed, N skipped` counted from tap's final summary (a failed type check counts as one failure).
// Extra arguments go to tap (e.g. `npm test -- test/domain`).
import { spawn, spawnSync } from 'node:child_process';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const picked = process.argv.slice(2);

let typeCheckFailed = false;
if (picked.length === 0) {
  process.stdout.write('# type check: tsc -p tsconfig.json --noEmit\n');
  const tsc = spawnSync(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  typeCheckFailed = tsc.status !== 0;
  process.stdout.write(typeCheckFailed ? '# type check FAILED\n' : '# type check passed\n');
}

const child = spawn(bin('tap'), ['--reporter=tap', ...picked], { stdio: ['ignore', 'pipe', 'inherit'] });

let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-20000);
});
child.on('close', (code) => {
  // tap's summary: "# { total: 120, pass: 118, fail: 1, skip: 1 }" (keys present only when non-zero)
  const m = [...tail.matchAll(/^# \{ (total: \d+[^}]*)\}$/gm)].at(-1);
  const counts = { total: 0, pass: 0, fail: 0, skip: 0, todo: 0 };
  if (m) for (const [, k, v] of m[1].matchAll(/(\w+): (\d+)/g)) counts[k] = Number(v);
  const failed = (counts.fail || (code !== 0 && !m ? 1 : 0)) + (typeCheckFailed ? 1 : 0);
  process.stdout.write(`\n${counts.pass} passed, ${failed} failed, ${counts.skip} skipped\n`);
  process.exit(typeCheckFailed && code === 0 ? 1 : (code ?? 1));
});
