// The benchmark times the bundles in dist/, as users run them: built when missing (or with
// --build); older bundles than the sources are timed as they are, with a warning.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliBundle, repoRoot, serverBundle } from './paths';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function mtime(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

export interface BuildStatus {
  built: boolean;
  /** Why the bundles cannot be timed (the build failed and there are none). */
  missing?: string;
  /** Why the bundles may not match the sources, when the build failed but old bundles exist. */
  warning?: string;
}

/** Builds dist/ with esbuild.mjs when a bundle is missing or `force` is set. */
export function ensureBuilt(force: boolean, log: (line: string) => void): BuildStatus {
  const sources = newestMtime(path.join(repoRoot, 'server', 'src'));
  const oldest = Math.min(mtime(cliBundle), mtime(serverBundle));
  if (oldest > 0 && !force) {
    return oldest >= sources
      ? { built: false }
      : {
          built: false,
          warning:
            'dist/ is older than server/src: timed the bundles as they are (--build rebuilds them)',
        };
  }
  log(oldest === 0 ? 'building dist/ (bundles missing) …' : 'building dist/ …');
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status === 0) return { built: true };
  const reason = `node esbuild.mjs failed: ${(result.stderr || result.stdout || '').trim()}`;
  if (fs.existsSync(cliBundle) && fs.existsSync(serverBundle)) {
    log(`${reason}\nusing the existing bundles`);
    return { built: false, warning: `${reason}; timed the existing, older bundles` };
  }
  log(reason);
  return { built: false, missing: reason };
}
