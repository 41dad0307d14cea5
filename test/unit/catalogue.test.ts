import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEVERITY } from '../../server/src/lsp/settings';
import { LOCALES, messagesFor } from '../../server/src/explain';
import { repoRoot } from '../support/paths';

const CODES = Object.keys(DEFAULT_SEVERITY);

suite('explanations: every finding in both languages, and configurable', () => {
  for (const locale of LOCALES) {
    test(`${locale}: every finding code has a title, what happened, what the application sees, what to check`, () => {
      const m = messagesFor(locale);
      for (const code of CODES) {
        const t = m.finding[code as keyof typeof m.finding];
        assert.ok(t, `${locale} ${code}`);
        for (const part of [t.title, t.what, t.app, t.check])
          assert.ok(part.trim().length > 1, `${locale} ${code}`);
      }
    });
  }

  test('the Chinese text is Chinese, not a copy of the English', () => {
    const en = messagesFor('en');
    const zh = messagesFor('zh-CN');
    for (const code of CODES) {
      const k = code as keyof typeof en.finding;
      assert.notEqual(zh.finding[k].what, en.finding[k].what, code);
      assert.match(zh.finding[k].title, /[\u4e00-\u9fff]/, code);
    }
  });

  test('package.json lets the user set the severity of every code', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: {
        configuration: { properties: Record<string, { properties?: Record<string, unknown> }> };
      };
    };
    const declared = Object.keys(
      pkg.contributes.configuration.properties['tcpdumpLens.diagnostics.severity']!.properties!,
    );
    assert.deepEqual([...declared].sort(), [...CODES].sort());
  });
});
