// Maps the path a Spark driver saw (`/app/job.py` inside a container, `s3a://bucket/jobs/job.py`,
// `file:/home/me/job.py`) to candidate files in the workspace. The first candidate that exists wins;
// the caller checks existence.

/** `{"/app": "${workspaceFolder}"}`: driver path prefix -> workspace path prefix. */
export type PathMappings = Record<string, string>;

export const defaultPathMappings: PathMappings = { '/app': '${workspaceFolder}' };

function stripScheme(path: string): string {
  return path.replace(/^file:(\/\/)?/, '').replace(/^local:\/\//, '');
}

function joinPath(folder: string, rest: string): string {
  return `${folder.replace(/\/+$/, '')}/${rest.replace(/^\/+/, '')}`;
}

/**
 * Candidate workspace paths for a driver path, most specific first: explicit mappings (longest
 * prefix first), the path itself, then the file name under each workspace folder.
 */
export function workspaceCandidates(driverPath: string, mappings: PathMappings, workspaceFolders: string[]): string[] {
  const path = stripScheme(driverPath);
  const candidates: string[] = [];
  const prefixes = Object.keys(mappings).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    const normalized = prefix.replace(/\/+$/, '');
    if (path !== normalized && !path.startsWith(`${normalized}/`)) continue;
    const rest = path.slice(normalized.length);
    const target = mappings[prefix];
    if (target.includes('${workspaceFolder}')) {
      for (const folder of workspaceFolders) candidates.push(joinPath(target.replace('${workspaceFolder}', folder), rest));
    } else {
      candidates.push(joinPath(target, rest));
    }
  }
  if (path.startsWith('/')) candidates.push(path);
  const name = path.split('/').pop();
  if (name) for (const folder of workspaceFolders) candidates.push(joinPath(folder, name));
  return [...new Set(candidates)];
}
