/**
 * `npm run import -- <file-or-folder>...`: imports Markdown practices with YAML front matter
 * (the corpus format) into DATABASE_PATH. Each file is validated and stored in its own transaction;
 * problems print as `path: field: message`; exit code 1 when any file failed.
 */
import { formatIssues } from '../src/services/import-service.js';
import { openCli } from './cli.js';

const paths = process.argv.slice(2).filter((a) => a !== '--');
if (paths.length === 0) {
  process.stderr.write('usage: npm run import -- <file-or-folder>...\n');
  process.exit(2);
}
const cli = openCli();
const results = cli.services.importer.importPaths(paths);
cli.close();

const counts = { created: 0, updated: 0, failed: 0 };
for (const r of results) {
  counts[r.status]++;
  if (r.status === 'failed') {
    for (const line of formatIssues(r)) process.stderr.write(line + '\n');
  } else {
    process.stdout.write(`${r.path}: ${r.status} ${r.slug}\n`);
    for (const w of r.warnings) process.stdout.write(`${r.path}: warning: ${w}\n`);
  }
}
process.stdout.write(`${results.length} file(s): ${counts.created} created, ${counts.updated} updated, ${counts.failed} failed\n`);
process.exit(counts.failed > 0 ? 1 : 0);
