// Debian packages that test layers need (Chromium for the UI layer, Ceph for S3). `npm test`
// installs them itself when it runs as root on Debian; otherwise it names what is missing so the
// layer that needs them is skipped loudly.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface PackageCheck {
  ok: boolean;
  /** Why the packages are not there (and could not be installed); empty when ok. */
  reason: string;
}

function isInstalled(pkg: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function isDebian(): boolean {
  return existsSync('/etc/debian_version') || /ID(_LIKE)?=.*debian/.test(safeRead('/etc/os-release'));
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

let updated = false;

/** Makes sure the Debian packages are installed, installing them when we are root on Debian. */
export function ensureDebianPackages(packages: string[], log: (line: string) => void = console.log): PackageCheck {
  if (!isDebian()) return { ok: false, reason: `not a Debian system; install ${packages.join(' ')} by hand` };
  const missing = packages.filter((pkg) => !isInstalled(pkg));
  if (!missing.length) return { ok: true, reason: '' };
  if (process.getuid?.() !== 0) {
    return { ok: false, reason: `missing Debian packages ${missing.join(' ')} (run as root to install them, or: sudo apt-get install ${missing.join(' ')})` };
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    if (update.status !== 0) return { ok: false, reason: 'apt-get update failed' };
    updated = true;
  }
  const install = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (install.status !== 0) return { ok: false, reason: `apt-get install ${missing.join(' ')} failed (exit ${install.status})` };
  const still = missing.filter((pkg) => !isInstalled(pkg));
  return still.length ? { ok: false, reason: `still missing after apt-get: ${still.join(' ')}` } : { ok: true, reason: '' };
}
