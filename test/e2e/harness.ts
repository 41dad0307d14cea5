/**
 * Real-VS-Code end-to-end harness: code-server 4.100.3 (VS Code 1.100.3) with the packaged
 * extension installed, driven through Debian's Chromium by playwright-core, the way a user works:
 * quick open, the status bar, the mouse, the command palette, the Problems panel.
 *
 * `npm run test:e2e` (scripts/e2e/run.sh) provisions code-server, packages the extension and sets
 * the environment this module reads. See test/e2e/README.md.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { repoRoot } from '../support/paths';
import type { DomDocument, DomElement, DomText } from './dom';
import { SHOW_TEXT } from './dom';

const execFileAsync = promisify(execFile);

export const CODE_SERVER_VERSION = '4.100.3';
/** Screenshots, logs and failure captures. Gitignored (test-results/). */
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');
export const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');

const env = process.env;
/** Show the browser window (needs a display: run under `xvfb-run -a` on a server). */
const headed = env['TCPDUMP_LENS_E2E_HEADED'] === '1';
/** Leave code-server running after the tests and print its address (debugging). */
const keep = env['TCPDUMP_LENS_E2E_KEEP'] === '1';
/** Slow every browser action down by this many milliseconds (debugging). */
const slowMo = Number(env['TCPDUMP_LENS_E2E_SLOWMO'] ?? '0');

export const chromiumPath = env['TCPDUMP_LENS_E2E_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine that only reaches the package registries. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
];

export function codeServerDir(): string {
  const cache = env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache');
  return (
    env['TCPDUMP_LENS_CODE_SERVER_DIR'] ??
    path.join(cache, 'tcpdump-lens', `code-server-${CODE_SERVER_VERSION}`)
  );
}

function codeServerEntry(): string {
  const entry = path.join(
    codeServerDir(),
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
  if (!fs.existsSync(entry))
    throw new Error(
      `code-server is not provisioned (${entry} is missing): run scripts/e2e/provision-code-server.sh or npm run test:e2e`,
    );
  return entry;
}

function vsixPath(): string {
  const vsix = env['TCPDUMP_LENS_E2E_VSIX'];
  if (!vsix || !fs.existsSync(vsix))
    throw new Error(
      'TCPDUMP_LENS_E2E_VSIX does not name a packaged extension: run the tests with npm run test:e2e',
    );
  return vsix;
}

// ---------------------------------------------------------------------------------------------
// Waiting

export interface WaitOptions {
  timeout?: number;
  interval?: number;
  message?: string;
}

/**
 * Clicks a row of a tree view until the tree has selected it (and so run the row's command): a
 * click that lands while the tree redraws its rows only focuses the row.
 */
export async function pickTreeRow(row: Locator, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await row.click();
    try {
      await eventually(
        async () => ((await row.getAttribute('class')) ?? '').split(/\s+/).includes('selected'),
        (selected) => selected,
        { timeout: 3_000, message: 'the row selected after a click' },
      );
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

/**
 * Polls `read` until `accept` holds for its result and returns that result; on timeout, throws
 * with the last value read (or the last error) so a failure says what was seen.
 */
export async function eventually<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean = (value) => Boolean(value),
  options: WaitOptions = {},
): Promise<T> {
  const timeout = options.timeout ?? 30_000;
  const interval = options.interval ?? 200;
  const deadline = Date.now() + timeout;
  let last: { value: T } | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await read();
      last = { value };
      if (accept(value)) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = last
        ? `last value: ${JSON.stringify(last.value)}`
        : `last error: ${String(lastError)}`;
      throw new Error(`${options.message ?? 'condition not met'} within ${timeout} ms (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Text as the user reads it: no-break spaces (Monaco renders spaces as &nbsp;) made plain. */
export function normalizeText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Processes we start, so that they are stopped even when mocha exits abruptly

const livePids = new Set<number>();
process.on('exit', () => {
  if (keep) return;
  for (const pid of livePids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    // The 'exit' hook above stops the servers.
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopProcessGroup(pid: number): Promise<void> {
  if (!groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const gone = await eventually(
    () => !groupAlive(pid),
    (v) => v,
    { timeout: 5_000, interval: 100 },
  ).catch(() => false);
  if (!gone && groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone in the meantime
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sessions

export interface WorkspaceFile {
  /** Path of the file to copy into the workspace (absolute, or relative to the repository). */
  from: string;
  /** Name in the workspace (default: the source's base name). */
  as?: string;
}

export interface SessionOptions {
  /** Names the session's logs: test-results/e2e/logs/<name>/. */
  name: string;
  /** Files copied into the workspace folder. Strings give literal contents keyed by name. */
  files?: Array<WorkspaceFile | { name: string; text: string }>;
  /** User settings.json, merged over quiet defaults (see DEFAULT_SETTINGS). */
  settings?: Record<string, unknown>;
  /**
   * true (default): `--disable-workspace-trust`. false: workspace trust is on and the workspace is
   * opened untrusted (Restricted Mode) without the startup dialog.
   */
  trusted?: boolean;
  /** code-server's `--locale` (VS Code's display language, e.g. 'zh-cn'). */
  locale?: string;
  /** Contents of the user-data `User/argv.json` (e.g. `{ locale: 'zh-cn' }`). */
  argv?: Record<string, unknown>;
  /**
   * Install a stub language pack for this VS Code locale (e.g. 'zh-cn') so the display language
   * really resolves to it, as it does for a user who installed the language pack (code-server
   * cannot download one here). With it, `--locale`/argv.json change `vscode.env.language`.
   */
  languagePack?: string;
  /** Browser viewport (default 1600×900). */
  viewport?: { width: number; height: number };
  /** Browser locale (navigator.language; default en-US). */
  browserLocale?: string;
  /** Install the packaged extension (default true). */
  installExtension?: boolean;
  /** More extensions to install, unpacked (a helper extension a test needs, for example). */
  extraExtensions?: ExtraExtension[];
}

export interface ExtraExtension {
  /** package.json; `publisher`, `name` and `version` make the folder name. */
  manifest: { publisher: string; name: string; version: string } & Record<string, unknown>;
  /** Other files of the extension by relative path, e.g. `{ 'extension.js': '...' }`. */
  files: Record<string, string>;
}

/** What the probe extension reads inside the extension host. */
export interface ExtensionHostFacts {
  language: string;
  isTrusted: boolean;
  appName: string;
  appHost: string;
  version: string;
  uiKind: number;
  extensionInstalled: boolean;
  extensionActive: boolean;
}

/** An inlay hint as rendered: 1-based line, text as read, whether it ends its line. */
export interface InlayHintView {
  line: number;
  text: string;
  atLineEnd: boolean;
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'chat.commandCenter.enabled': false,
};

const PROBE_ID = 'tcpdump-lens-e2e.probe';
const PROBE_SOURCE = `
const vscode = require('vscode');
const fs = require('fs');
exports.activate = () => {
  const out = process.env.TCPDUMP_LENS_E2E_PROBE_OUT;
  if (!out) return;
  const write = () => {
    const ext = vscode.extensions.getExtension('tcpdump-lens.tcpdump-lens');
    const facts = {
      language: vscode.env.language,
      isTrusted: vscode.workspace.isTrusted,
      appName: vscode.env.appName,
      appHost: vscode.env.appHost,
      version: vscode.version,
      uiKind: vscode.env.uiKind,
      extensionInstalled: Boolean(ext),
      extensionActive: Boolean(ext && ext.isActive),
    };
    fs.writeFileSync(out + '.tmp', JSON.stringify(facts));
    fs.renameSync(out + '.tmp', out);
  };
  write();
  const timer = setInterval(write, 500);
  return { dispose: () => clearInterval(timer) };
};
`;

/** Adds an unpacked extension folder to an extensions dir, as --install-extension would. */
function addExtensionFolder(
  extensionsDir: string,
  manifest: { publisher: string; name: string; version: string } & Record<string, unknown>,
  files: Record<string, string>,
): string {
  const folderName = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  const folder = path.join(extensionsDir, folderName);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
  // VS Code only loads folders listed in extensions.json; others are marked obsolete.
  const index = path.join(extensionsDir, 'extensions.json');
  const entries = fs.existsSync(index)
    ? (JSON.parse(fs.readFileSync(index, 'utf8')) as unknown[])
    : [];
  entries.push({
    identifier: { id: `${manifest.publisher}.${manifest.name}` },
    version: manifest.version,
    location: { $mid: 1, path: folder, scheme: 'file' },
    relativeLocation: folderName,
    metadata: { installedTimestamp: Date.now(), source: 'resource' },
  });
  fs.writeFileSync(index, JSON.stringify(entries));
  return folder;
}

function addProbe(extensionsDir: string): void {
  const [publisher, name] = PROBE_ID.split('.') as [string, string];
  addExtensionFolder(
    extensionsDir,
    {
      publisher,
      name,
      version: '0.0.1',
      engines: { vscode: '^1.100.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
      capabilities: { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true },
    },
    { 'extension.js': PROBE_SOURCE },
  );
}

function addLanguagePack(extensionsDir: string, userDataDir: string, locale: string): void {
  const folder = addExtensionFolder(
    extensionsDir,
    {
      publisher: 'tcpdump-lens-e2e',
      name: `language-pack-${locale}`,
      version: '0.0.1',
      engines: { vscode: '^1.100.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [
          {
            languageId: locale,
            languageName: locale,
            localizedLanguageName: locale,
            translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
          },
        ],
      },
    },
    { 'translations/main.i18n.json': JSON.stringify({ version: '1.0.0', contents: {} }) },
  );
  // The server only indexes language packs it installed itself; write its index directly, as
  // installing the pack would (user-data-dir/languagepacks.json).
  fs.writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `tcpdump-lens-e2e-${locale}`,
        extensions: [
          {
            extensionIdentifier: { id: `tcpdump-lens-e2e.language-pack-${locale}` },
            version: '0.0.1',
          },
        ],
        translations: { vscode: path.join(folder, 'translations', 'main.i18n.json') },
        label: locale,
      },
    }),
  );
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

export class Session {
  private closed = false;

  private constructor(
    readonly options: SessionOptions,
    readonly root: string,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly url: string,
    readonly server: ChildProcess,
    readonly browser: Browser,
    readonly page: Page,
    private readonly probeFile: string,
    readonly logDir: string,
  ) {}

  /** Starts code-server on a free port, opens the workbench in Chromium, waits until it is ready. */
  static async start(options: SessionOptions): Promise<Session> {
    const entry = codeServerEntry();
    const root = fs.mkdtempSync(
      path.join(os.tmpdir(), `tcpdump-lens-e2e-${safeName(options.name)}-`),
    );
    try {
      return await Session.startIn(root, entry, options);
    } catch (error) {
      const logs = path.join(root, 'user-data', 'logs');
      const logDir = path.join(resultsDir, 'logs', safeName(options.name));
      if (fs.existsSync(logs))
        fs.cpSync(logs, path.join(logDir, 'vscode-logs'), { recursive: true, force: true });
      if (!keep) fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      throw new Error(
        `e2e session "${options.name}" did not start: ${String(error)}\n` +
          `  logs: ${logDir}\n${tail(path.join(logDir, 'code-server.log'), 15)}`,
      );
    }
  }

  private static async startIn(
    root: string,
    entry: string,
    options: SessionOptions,
  ): Promise<Session> {
    const started = Date.now();
    const workspace = path.join(root, 'workspace');
    const userDataDir = path.join(root, 'user-data');
    const extensionsDir = path.join(root, 'extensions');
    const logDir = path.join(resultsDir, 'logs', safeName(options.name));
    for (const dir of [workspace, path.join(userDataDir, 'User'), extensionsDir, logDir])
      fs.mkdirSync(dir, { recursive: true });

    for (const file of options.files ?? []) {
      if ('text' in file) {
        // Names may have folders (e.g. .vscode/settings.json).
        fs.mkdirSync(path.dirname(path.join(workspace, file.name)), { recursive: true });
        fs.writeFileSync(path.join(workspace, file.name), file.text);
      } else {
        const from = path.resolve(repoRoot, file.from);
        fs.copyFileSync(from, path.join(workspace, file.as ?? path.basename(from)));
      }
    }
    const settings = { ...DEFAULT_SETTINGS, ...options.settings };
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify(settings, null, 2),
    );
    if (options.argv)
      fs.writeFileSync(
        path.join(userDataDir, 'User', 'argv.json'),
        JSON.stringify(options.argv, null, 2),
      );
    const config = path.join(root, 'config.yaml');
    fs.writeFileSync(config, 'auth: none\n');

    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      // No gallery: nothing asks open-vsx.org (unreachable here) for updates or recommendations.
      EXTENSIONS_GALLERY: '{}',
      TCPDUMP_LENS_E2E_PROBE_OUT: path.join(root, 'probe.json'),
    };
    delete serverEnv['VSCODE_IPC_HOOK_CLI'];
    // A reporter running inside the extension host must not add to the outer run's tally.
    delete serverEnv['TCPDUMP_LENS_TEST_TALLY'];
    const baseArgs = [
      entry,
      '--config',
      config,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
    ];

    if (options.installExtension !== false) {
      await execFileAsync(process.execPath, [...baseArgs, '--install-extension', vsixPath()], {
        env: serverEnv,
        timeout: 60_000,
      });
    }
    addProbe(extensionsDir);
    if (options.languagePack) addLanguagePack(extensionsDir, userDataDir, options.languagePack);
    for (const extra of options.extraExtensions ?? [])
      addExtensionFolder(extensionsDir, extra.manifest, extra.files);

    const args = [
      ...baseArgs,
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
    ];
    if (options.trusted !== false) args.push('--disable-workspace-trust');
    if (options.locale) args.push('--locale', options.locale);
    args.push(workspace);

    const logFile = path.join(logDir, 'code-server.log');
    const log = fs.openSync(logFile, 'w');
    // Its own process group, so that the extension host and the language server stop with it.
    const server = spawn(process.execPath, args, {
      cwd: root,
      env: serverEnv,
      detached: true,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    const pid = server.pid;
    if (pid === undefined) throw new Error('code-server did not start');
    livePids.add(pid);

    let browser: Browser | undefined;
    let page: Page | undefined;
    try {
      const origin = await eventually(
        () => {
          if (server.exitCode !== null)
            throw new Error(`code-server exited with ${server.exitCode}`);
          return /HTTP server listening on (http:\/\/[^/\s]+)/.exec(
            fs.readFileSync(logFile, 'utf8'),
          )?.[1];
        },
        (v) => v !== undefined,
        { timeout: 30_000, message: `code-server did not listen (see ${logFile})` },
      );
      const url = `${origin}/?folder=${encodeURIComponent(workspace)}`;

      browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: !headed,
        args: chromiumArgs,
        slowMo,
      });
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1600, height: 900 },
        locale: options.browserLocale ?? 'en-US',
      });
      page = await context.newPage();
      const consoleLog = path.join(logDir, 'browser-console.log');
      page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
      page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${String(e)}\n`));

      const session = new Session(
        options,
        root,
        workspace,
        userDataDir,
        extensionsDir,
        url,
        server,
        browser,
        page,
        path.join(root, 'probe.json'),
        logDir,
      );
      await page.goto(url);
      await session.waitForWorkbench();
      fs.appendFileSync(
        path.join(logDir, 'timings.log'),
        `workbench ready after ${Date.now() - started} ms\n`,
      );
      return session;
    } catch (error) {
      if (page) {
        fs.mkdirSync(path.join(resultsDir, 'failures'), { recursive: true });
        await page
          .screenshot({
            path: path.join(resultsDir, 'failures', `${safeName(options.name)}-startup.png`),
          })
          .catch(() => undefined);
      }
      await browser?.close().catch(() => undefined);
      if (!keep) {
        await stopProcessGroup(pid);
        livePids.delete(pid);
      }
      throw error;
    }
  }

  private async waitForWorkbench(): Promise<void> {
    const page = this.page;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.part.statusbar').waitFor({ timeout: 30_000 });
    // Connected to the server: the explorer lists the workspace's files.
    if ((this.options.files ?? []).length > 0)
      await page
        .locator('.explorer-folders-view .monaco-list-row')
        .first()
        .waitFor({ timeout: 30_000 });
    // The extension host has started: the probe extension reports in.
    await this.probe();
    await this.dismissWalkthrough();
  }

  /** Reloads the page (a new window: a new extension host) and waits until it is ready again. */
  async reload(): Promise<void> {
    fs.rmSync(this.probeFile, { force: true });
    await this.page.reload();
    await this.waitForWorkbench();
  }

  /** Closes a Welcome/Walkthrough tab if one opened despite workbench.startupEditor = none. */
  async dismissWalkthrough(): Promise<void> {
    const tabs = this.page.locator('.tabs-container .tab', {
      hasText: /Welcome|Walkthrough|Get Started/,
    });
    for (let i = await tabs.count(); i > 0; i--) {
      await tabs.first().hover();
      await tabs.first().locator('.tab-actions .action-label').click();
    }
  }

  /** What the extension host says (language, trust, whether tcpdump Lens is active…). */
  async probe(accept: (facts: ExtensionHostFacts) => boolean = () => true) {
    return eventually(
      () =>
        fs.existsSync(this.probeFile)
          ? (JSON.parse(fs.readFileSync(this.probeFile, 'utf8')) as ExtensionHostFacts)
          : undefined,
      (facts) => facts !== undefined && accept(facts),
      { timeout: 60_000, message: 'the extension host probe did not report' },
    ) as Promise<ExtensionHostFacts>;
  }

  // ------------------------------------------------------------------------------------------
  // Editor helpers

  /** The quick input widget (quick open, command palette). */
  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async pickQuickInputRow(
    label: string,
    what: string,
    then: 'closes' | 'asks-more' = 'closes',
  ): Promise<void> {
    const rows = this.quickInput().locator('.monaco-list-row');
    const row = rows.filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
    try {
      await row.first().waitFor({ timeout: 15_000 });
    } catch {
      const seen = await rows.allInnerTexts();
      await this.page.keyboard.press('Escape');
      throw new Error(`${what} "${label}" not offered; rows: ${JSON.stringify(seen)}`);
    }
    await row.first().click();
    if (then === 'closes') {
      await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    }
    // The command asks for more in a quick input of its own: wait until the picked row is gone
    // (the widget may stay visible throughout).
    await row.first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Opens a workspace file with quick open (Ctrl+P) and waits for its editor to be active. */
  async openFile(name: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(name);
    await this.pickQuickInputRow(name, 'quick open file');
    await this.page
      .locator('.tabs-container .tab.active', { hasText: name })
      .waitFor({ timeout: 15_000 });
    await this.activeEditor().locator('.view-lines .view-line').first().waitFor();
  }

  /**
   * Runs a command by its title in the command palette (F1), e.g. 'View: Toggle Word Wrap'.
   * `then: 'asks-more'` for a command that opens a quick input of its own.
   */
  async runCommand(title: string, then: 'closes' | 'asks-more' = 'closes'): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    await this.pickQuickInputRow(title, 'command', then);
  }

  /**
   * Makes sure a workbench keybinding reaches VS Code: no quick input left open. (VS Code listens
   * for its keybindings on the window, so no click is needed, and a click could move the cursor
   * or scroll the editor.)
   */
  private async focusWorkbench(): Promise<void> {
    if (await this.quickInput().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: 5_000 });
    }
  }

  /** The Monaco editor of the active editor group. */
  activeEditor(): Locator {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  }

  /** The language indicator in the status bar (e.g. 'tcpdump'). */
  async languageModeText(): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]');
    await item.waitFor({ timeout: 15_000 });
    return normalizeText((await item.innerText()).trim());
  }

  /** Reveals a line (1-based) in the active editor with Go to Line (Ctrl+G). */
  async goToLine(lineNumber: number): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`:${lineNumber}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /**
   * Rendered lines of the active editor with their 1-based line numbers (from the gutter).
   * Wrapped lines repeat their number.
   */
  private async renderedLines(): Promise<Array<{ lineNumber: number; index: number }>> {
    return this.activeEditor().evaluate((editor: DomElement) => {
      const numbers = new Map<number, number>();
      for (const el of Array.from(editor.querySelectorAll('.margin-view-overlays > div'))) {
        const n = Number(el.querySelector('.line-numbers')?.textContent?.trim());
        if (Number.isInteger(n) && n > 0) numbers.set(Math.round(el.offsetTop), n);
      }
      const lines = Array.from(editor.querySelectorAll('.view-lines > .view-line'));
      return lines
        .map((el, index) => ({ lineNumber: numbers.get(Math.round(el.offsetTop)) ?? -1, index }))
        .filter((l) => l.lineNumber > 0);
    });
  }

  /** Page coordinates of the middle character of the first `needle` in a rendered line. */
  private async textPosition(
    lineIndex: number,
    needle: string,
  ): Promise<{ x: number; y: number } | undefined> {
    return this.activeEditor()
      .locator('.view-lines > .view-line')
      .nth(lineIndex)
      .evaluate(
        (line: DomElement, { needle, showText }) => {
          const doc = (globalThis as unknown as { document: DomDocument }).document;
          const walker = doc.createTreeWalker(line, showText);
          const nodes: DomText[] = [];
          let full = '';
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            nodes.push(n);
            full += (n.textContent ?? '').replace(/\u00a0/g, ' ');
          }
          const at = full.indexOf(needle);
          if (at < 0) return undefined;
          let target = at + Math.floor(needle.length / 2);
          for (const node of nodes) {
            const length = node.textContent?.length ?? 0;
            if (target < length) {
              const range = doc.createRange();
              range.setStart(node, target);
              range.setEnd(node, target + 1);
              const r = range.getBoundingClientRect();
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
            target -= length;
          }
          return undefined;
        },
        { needle, showText: SHOW_TEXT },
      );
  }

  /**
   * Moves the mouse over the first occurrence of `text` on line `lineNumber` (1-based) of the
   * active editor and returns the text of the hover widget that appears.
   */
  async hoverOnText(lineNumber: number, text: string): Promise<string> {
    await this.goToLine(lineNumber);
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /\S/ });
    return eventually(
      async () => {
        const line = (await this.renderedLines()).find((l) => l.lineNumber === lineNumber);
        if (!line) throw new Error(`line ${lineNumber} is not rendered`);
        const at = await this.textPosition(line.index, text);
        if (!at) throw new Error(`"${text}" is not on line ${lineNumber}`);
        // Leave and re-enter so that a hover appears even if the mouse was already there.
        await this.page.mouse.move(at.x, at.y + 200);
        await this.page.mouse.move(at.x, at.y, { steps: 4 });
        await hover.first().waitFor({ timeout: 3_000 });
        return normalizeText((await hover.first().innerText()).trim());
      },
      (t) => t.length > 0,
      { timeout: 20_000, message: `no hover on "${text}" (line ${lineNumber})` },
    );
  }

  /**
   * Inlay hints rendered in the active editor, in line order, with 1-based line numbers. A hint is
   * a run of Monaco's inlay-hint spans (`dyn-rule-*`); its padding (a span holding a hair space)
   * is not part of its text. `atLineEnd`: no text of the line follows it. Only rendered (visible)
   * lines are read.
   */
  async inlayHints(): Promise<InlayHintView[]> {
    const lines = await this.renderedLines();
    // (No named inner functions in page functions: tsx would wrap them in a helper, __name,
    // that does not exist in the page.)
    const perLine = await this.activeEditor().evaluate((editor: DomElement) =>
      Array.from(editor.querySelectorAll('.view-lines > .view-line')).map((line) => {
        const hints: Array<{ text: string; atLineEnd: boolean }> = [];
        let inHint = false;
        for (const span of Array.from(line.querySelectorAll(':scope > span > span'))) {
          const isHint = Array.from(span.classList).some((c) => c.startsWith('dyn-rule-'));
          const text = span.textContent ?? '';
          const blank = text.trim() === '';
          if (isHint && !blank) {
            if (inHint) hints[hints.length - 1]!.text += text;
            else hints.push({ text, atLineEnd: true });
            inHint = true;
            continue;
          }
          inHint = false;
          if (!isHint && !blank) for (const h of hints) h.atLineEnd = false;
        }
        return hints;
      }),
    );
    const out: InlayHintView[] = [];
    for (const { lineNumber, index } of lines)
      for (const hint of perLine[index] ?? [])
        out.push({ line: lineNumber, text: normalizeText(hint.text), atLineEnd: hint.atLineEnd });
    return out.sort((a, b) => a.line - b.line);
  }

  /** The texts of the rendered inlay hints, in line order. */
  async inlayHintTexts(): Promise<string[]> {
    return (await this.inlayHints()).map((h) => h.text);
  }

  /** Opens the Problems panel and returns the text of its rows (file rows and problem rows). */
  async problems(): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.runCommand('Problems: Focus on Problems View');
      await panel.waitFor({ timeout: 10_000 });
    }
    const rows = panel.locator('.monaco-list-row');
    return (await rows.allInnerTexts()).map((t) => normalizeText(t).replace(/\s+/g, ' ').trim());
  }

  /** Saves a PNG of the page as test-results/e2e/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(resultsDir, `${safeName(name)}.png`);
    fs.mkdirSync(resultsDir, { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * For a failed test: a screenshot under test-results/e2e/failures/ and the VS Code logs (the
   * extension host's and the language server's output) copied into the session's log folder.
   */
  async captureFailure(testTitle: string): Promise<void> {
    const dir = path.join(resultsDir, 'failures');
    fs.mkdirSync(dir, { recursive: true });
    await this.page
      .screenshot({ path: path.join(dir, `${safeName(testTitle)}.png`) })
      .catch(() => undefined);
    this.copyVsCodeLogs();
  }

  private copyVsCodeLogs(): void {
    const logs = path.join(this.userDataDir, 'logs');
    if (fs.existsSync(logs))
      fs.cpSync(logs, path.join(this.logDir, 'vscode-logs'), { recursive: true, force: true });
  }

  /** Closes the browser and stops code-server (and everything it started) by its process group. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close().catch(() => undefined);
    const pid = this.server.pid!;
    if (keep) {
      console.log(
        `  TCPDUMP_LENS_E2E_KEEP: code-server still serves ${this.url}\n` +
          `  (workspace ${this.workspace}); stop it with: kill -- -${pid}`,
      );
      this.server.unref();
      return;
    }
    const stopping = Date.now();
    await stopProcessGroup(pid);
    livePids.delete(pid);
    fs.appendFileSync(
      path.join(this.logDir, 'timings.log'),
      `code-server stopped in ${Date.now() - stopping} ms\n`,
    );
    this.copyVsCodeLogs();
    fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The last lines of a log file, indented, for an error message. */
function tail(file: string, lines: number): string {
  if (!fs.existsSync(file)) return '';
  return fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Mocha glue: starts one session for the suite, captures a screenshot and logs when a test fails,
 * and always stops everything at the end. Use inside `suite(...)`.
 */
export function useSession(options: SessionOptions | (() => SessionOptions)): () => Session {
  let session: Session | undefined;
  suiteSetup(async function () {
    this.timeout(180_000);
    session = await Session.start(typeof options === 'function' ? options() : options);
  });
  teardown(async function () {
    if (session && this.currentTest?.state === 'failed')
      await session.captureFailure(this.currentTest.fullTitle());
  });
  suiteTeardown(async function () {
    this.timeout(30_000);
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('the e2e session did not start (see suiteSetup)');
    return session;
  };
}
