import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import { repoRoot } from '../support/paths';

let grammar: Promise<IGrammar> | null = null;

/** The extension's TextMate grammar, loaded the way VS Code loads it (Oniguruma regexes). */
export function loadGrammar(): Promise<IGrammar> {
  grammar ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: (scopeName: string) => {
        if (scopeName !== 'source.tcpdump') return Promise.resolve(null);
        const file = path.join(repoRoot, 'syntaxes', 'tcpdump.tmLanguage.json');
        return Promise.resolve(parseRawGrammar(fs.readFileSync(file, 'utf8'), file));
      },
    });
    const g = await registry.loadGrammar('source.tcpdump');
    if (!g) throw new Error('grammar source.tcpdump not found');
    return g;
  })();
  return grammar;
}

export interface Token {
  text: string;
  start: number;
  /** Scopes below the root `source.tcpdump`. */
  scopes: string[];
}

export function tokenizeLines(g: IGrammar, lines: string[]): Token[][] {
  let stack = INITIAL;
  return lines.map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      scopes: t.scopes.slice(1),
    }));
  });
}

/** Readable snapshot: every line, then one row per scoped token. */
export function snapshot(lines: string[], tokens: Token[][]): string {
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(`>${line}`);
    for (const t of tokens[i]!) {
      if (t.scopes.length === 0 || t.text.trim().length === 0) continue;
      out.push(` ${' '.repeat(t.start)}${'^'.repeat(t.text.length)} ${t.scopes.join(' ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}
