/**
 * npm run test:e2e:electron — the same checks as test/e2e/editor.test.ts, but from inside the
 * extension host of a desktop VS Code that @vscode/test-electron downloads
 * (update.code.visualstudio.com). Needs that network access and a display (xvfb-run -a on a
 * server); it cannot run on machines that only reach the package registries, where
 * `npm run test:e2e` (code-server) is the end-to-end tier.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../../support/paths';
import { bundleExtensionHostSuite } from './bundle';

const VSCODE_VERSION = process.env['TCPDUMP_LENS_VSCODE_VERSION'] ?? '1.100.3';

async function main(): Promise<void> {
  // The suite runs inside the extension host: bundle it to plain CommonJS first.
  const suite = await bundleExtensionHostSuite();

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpdump-lens-e2e-electron-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  fs.copyFileSync(
    path.join(repoRoot, 'test', 'baseline', 'fixtures', 'normal-3way-close', 'n.tcpdump'),
    path.join(workspace, 'normal.tcpdump'),
  );
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'editor.inlayHints.maximumLength': 0, 'workbench.startupEditor': 'none' }),
  );

  try {
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        userData,
      ],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
