// Which files make up one event log, in order: a single file (plain, compressed, `.inprogress`), or
// a rolling `eventlog_v2_<app>` directory with `events_<n>_<app>[.codec]` parts and an
// `appstatus_<app>[.inprogress]` marker (no `.inprogress` = the application completed).
import type { ByteEntry, ResolvedLocation } from '../source';

export interface EventLogFiles {
  files: ByteEntry[];
  inProgress: boolean;
  /** Problems with the layout that still leave something to read (missing parts, no status file). */
  problems: string[];
}

const ROLLING_PART = /^events_(\d+)_/;

export function eventLogFiles(resolved: ResolvedLocation): EventLogFiles {
  if (resolved.kind === 'file') {
    return { files: [resolved.entry], inProgress: resolved.entry.name.endsWith('.inprogress'), problems: [] };
  }
  const parts = resolved.entries
    .map((entry) => ({ entry, index: Number(ROLLING_PART.exec(entry.name)?.[1]) }))
    .filter((part) => Number.isFinite(part.index))
    .sort((a, b) => a.index - b.index);
  if (parts.length === 0) {
    const names = resolved.entries.map((entry) => entry.name).slice(0, 5);
    throw new Error(
      `'${resolved.location}' is a folder but not a rolling event log (no events_<n>_<app> files).` +
        (names.length ? ` It holds ${names.join(', ')}${resolved.entries.length > 5 ? ', ...' : ''}: pass one event-log file instead.` : ' It is empty.'),
    );
  }
  const problems: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    if (parts[i].index !== parts[i - 1].index + 1) problems.push(`Rolling event log parts ${parts[i - 1].index + 1}..${parts[i].index - 1} are missing; the model lacks their events.`);
  }
  const status = resolved.entries.find((entry) => entry.name.startsWith('appstatus_'));
  if (!status) problems.push('The rolling event log has no appstatus_ file; whether the application finished is unknown.');
  return { files: parts.map((part) => part.entry), inProgress: !status || status.name.endsWith('.inprogress'), problems };
}
