#!/usr/bin/env node
// Runs the tap suite (TAP reporter, so every result line is visible in CI logs), then prints the
// plain closing line `N passed, N failed, N skipped` counted from tap's final summary.
// Extra arguments go to tap (e.g. `npm test -- test/domain`).
import { spawn } from 'node:child_process';



const tapBin = new URL('../node_modules/.bin/tap', import.meta.url).pathname;
const args = [tapBin, '--reporter=tap', ...process.argv.slice(2)];
const child = spawn(args[0], args.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });

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
  const failed = counts.fail || (code !== 0 && !m ? 1 : 0);
  process.stdout.write(`\n${counts.pass} passed, ${failed} failed, ${counts.skip} skipped\n`);
  process.exit(code ?? 1);
});
