// The `sparkml` command. Each subcommand lives in its own file and is listed here once.
// Exit codes: 0 ok / no findings, 1 findings or a failed job, 2 usage or I/O error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from './io';
import { subcommands } from './subcommands';


function usage(): string {
  const lines = Object.entries(subcommands).map(([name, entry]) => `  ${name.padEnd(8)} ${entry.summary}`);
  return ['usage: sparkml <command> [options]', '', 'commands:', ...lines, '', 'sparkml <command> --help shows its options.'].join('\n');
}

function version(): string {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(version() + '\n');
    return 0;
  }
  const entry = subcommands[name];
  if (!entry) {
    io.stderr(`sparkml: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await (await entry.load())(rest, io);
  } catch (error) {
    io.stderr(`sparkml ${name}: ${(error as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    wasmDir: __dirname,
    cwd: process.cwd(),
    signal: controller.signal,
  }).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`sparkml: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
