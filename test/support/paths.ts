import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** tcpdump's own regression outputs, shipped beside the repository in ../shared when present. */
export const sharedCorpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'tcpdump-tests');

export function sharedCorpusPresent(): boolean {
  return fs.existsSync(path.join(sharedCorpus, 'INDEX.tsv'));
}

/** Every file below `dir` whose name ends with `suffix`, sorted. */
export function filesBelow(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(suffix)) out.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}
