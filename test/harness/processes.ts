// Finds processes by their command line through /proc (Linux), so a test can reach a process the
// product started (e.g. the language server inside code-server's extension host) without asking it.
import { readFileSync, readdirSync } from 'node:fs';

/** PIDs of live processes whose argv contains an argument that includes `fragment`. */
export function pidsWithArgument(fragment: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited while we looked
    }
    if (argv.some((arg) => arg.includes(fragment))) pids.push(Number(entry));
  }
  return pids.sort((a, b) => a - b);
}
