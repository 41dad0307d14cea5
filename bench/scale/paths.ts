import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const benchDir = __dirname;
/** Generated captures and their text; large, never committed (see .gitignore). */
export const dataDir = path.join(benchDir, '.data');
export const resultsDir = path.join(benchDir, 'results');
export const cliBundle = path.join(repoRoot, 'dist', 'cli.js');
export const serverBundle = path.join(repoRoot, 'dist', 'server.js');
export const serverSource = path.join(repoRoot, 'server', 'src', 'lsp', 'server.ts');
export const generatorSource = path.join(benchDir, 'generatePcap.ts');
