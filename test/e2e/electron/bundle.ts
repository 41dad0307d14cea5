import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../support/paths';

/** Where the bundled extension-host suite goes (out/ is gitignored). */
export const suiteBundle = path.join(repoRoot, 'out', 'e2e-electron', 'index.js');

/**
 * Bundles suite/index.ts and the suites it loads into one CommonJS file an extension host can
 * load: `vscode` comes from the host, mocha from the repository's node_modules.
 */
export async function bundleExtensionHostSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts')],
    outfile: suiteBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return suiteBundle;
}
