// The HTML shell of the sequence-diagram webview and its Content-Security-Policy: the only place
// either is written. No editor API here, so the benchmark serves the very same page.
import { randomBytes } from 'node:crypto';

/** A fresh, unguessable nonce for one page load (128 bits from the OS's CSPRNG). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface WebviewHtmlOptions {
  /** `webview.cspSource`: the origin local resources are served from. */
  readonly cspSource: string;
  /** URIs (as strings) of dist/webview/main.js and styles.css, from `asWebviewUri`. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
  /** The shown document (restored by the panel serializer); may be empty. */
  readonly documentUri: string;
  readonly title: string;
}

/** Escapes text for an HTML attribute value or element content. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Nothing but the bundle's own script (by nonce) and stylesheet may load: no inline script, no
 * eval, no remote or data: resources, no frames, forms or <base>.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function webviewHtml(o: WebviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(o.nonce)) throw new Error('invalid nonce');
  const csp = contentSecurityPolicy(o.cspSource, o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body data-uri="${escapeHtml(o.documentUri)}">
<div id="app"></div>
<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
