/**
 * Accounts of curators and admins.
 *   npm run user:add -- --email ana@example.org --name "Ana Pérez" --role curator
 *   npm run user:passwd -- --email ana@example.org
 * The password is read from standard input (a hidden prompt on a terminal, else the first line of the
 * input: `printf '%s\n' "$PASSWORD" | npm run user:add -- ...`), never from an argument. Like every CLI,
 * it migrates the database first when it is new or behind.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { DomainError, ValidationError } from '../src/domain/errors.js';
import { openCli } from './cli.js';

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  // Terminal: prompt without echoing what is typed.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write(prompt);
  out._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2).filter((a) => a !== '--');
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'curator' } },
    strict: true,
  });
  if ((command !== 'add' && command !== 'passwd') || !values.email || (command === 'add' && !values.name)) {
    process.stderr.write('usage: npm run user:add -- --email X --name Y [--role curator|admin]\n       npm run user:passwd -- --email X\n(the password is read from standard input)\n');
    return 2;
  }
  const cli = openCli();
  try {
    const password = await readPassword('Password: ');
    if (command === 'add') {
      const user = await cli.services.auth.createUser({ email: values.email, name: values.name!, role: values.role!, password });
      process.stdout.write(`created ${user.role} ${user.email} (id ${user.id})\n`);
    } else {
      const user = await cli.services.auth.setPassword(values.email, password);
      process.stdout.write(`password changed for ${user.email}; their sessions were ended\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ValidationError) for (const i of err.issues) process.stderr.write(`${i.path}: ${i.message}\n`);
    else if (err instanceof DomainError) process.stderr.write(`${err.message}\n`);
    else throw err;
    return 1;
  } finally {
    cli.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(String((err as Error).stack ?? err) + '\n');
    process.exit(1);
  },
);
