// The webview page in headless Chromium, outside VS Code: the same HTML, CSP and bundle the
// extension serves, from a routed origin (no network), with a stand-in for acquireVsCodeApi.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { createNonce, webviewHtml } from '../../client/src/sequenceDiagram/webviewHtml';
import { FALLBACK_PALETTE } from '../../client/webview/theme';
import { repoRoot } from '../../test/support/paths';

export const ORIGIN = 'https://webview.invalid';
const DIST = path.join(repoRoot, 'dist', 'webview');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebviewPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Messages the page posted to the "host". */
  posted(): Promise<unknown[]>;
  close(): Promise<void>;
}

/** A dark theme's variables, as VS Code would set them on <html>. */
const THEME: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-editorHoverWidget-background': '#202020',
  '--vscode-editorHoverWidget-foreground': '#cccccc',
  '--vscode-editorHoverWidget-border': '#454545',
  ...FALLBACK_PALETTE,
};

const VSCODE_API_STUB = `
  document.addEventListener('DOMContentLoaded', () => {
    for (const [k, v] of Object.entries(${JSON.stringify(THEME)}))
      document.documentElement.style.setProperty(k, v);
  });
  // tsx names the inner functions of functions passed to page.evaluate with this helper.
  window.__name = (f) => f;
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
`;

/** Launches Chromium with a fresh profile and opens the webview page. */
export async function openWebviewPage(
  options: { width?: number; height?: number; executablePath?: string } = {},
): Promise<WebviewPage> {
  if (!fs.existsSync(path.join(DIST, 'main.js')))
    throw new Error('dist/webview/main.js is missing: run npm run build');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpdump-lens-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath ?? process.env['CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1600, height: options.height ?? 900 },
  });
  const nonce = createNonce();
  const html = webviewHtml({
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/main.js`,
    styleUri: `${ORIGIN}/styles.css`,
    nonce,
    documentUri: 'file:///bench/capture.tcpdump',
    title: 'bench',
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === '/' || url.pathname === '/index.html')
      return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    const file = path.join(DIST, path.basename(url.pathname));
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      status: 200,
      contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript',
      body: fs.readFileSync(file),
    });
  });
  // Before any page script: the VS Code webview API stand-in (a string: no tsx helpers in it).
  await context.addInitScript({ content: VSCODE_API_STUB });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() =>
    (window as unknown as { __posted: Array<{ type?: string }> }).__posted.some(
      (m) => m.type === 'ready',
    ),
  );
  return {
    context,
    page,
    posted: () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted),
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
