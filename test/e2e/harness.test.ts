import * as assert from 'node:assert/strict';
import { eventually, useSession } from './harness';

/**
 * The harness's own helpers, checked against VS Code's built-in JSON support so that they are known
 * to work before tcpdump Lens relies on them (hover text, the Problems panel, the command palette,
 * workspace trust and the display language as the extension host sees them).
 */
suite('e2e harness: helpers against built-in VS Code features', () => {
  const session = useSession({
    name: 'harness',
    files: [{ name: 'broken.json', text: '{\n  "a": 1\n  "b": 2\n}\n' }],
  });

  test('the extension host runs VS Code 1.100.3 in code-server, trusted, in English', async () => {
    const facts = await session().probe();
    assert.equal(facts.version, '1.100.3');
    assert.equal(facts.appName, 'code-server');
    assert.equal(facts.isTrusted, true);
    assert.equal(facts.language, 'en');
    assert.equal(facts.extensionInstalled, true);
  });

  test('openFile, languageModeText, problems and hoverOnText', async () => {
    const s = session();
    await s.openFile('broken.json');
    assert.equal(
      await eventually(
        () => s.languageModeText(),
        (t) => t === 'JSON',
      ),
      'JSON',
    );
    const rows = await eventually(
      () => s.problems(),
      (r) => r.some((t) => t.includes('Expected comma')),
      { message: 'the JSON diagnostic in the Problems panel' },
    );
    assert.ok(
      rows.some((t) => t.includes('broken.json')),
      JSON.stringify(rows),
    );
    const hover = await s.hoverOnText(3, '"b"');
    assert.match(hover, /Expected comma/);
    await s.screenshot('harness-json-hover');
  });

  test('runCommand runs a command by its title', async () => {
    const s = session();
    await s.runCommand('View: Toggle Word Wrap');
    await s.runCommand('View: Toggle Word Wrap');
  });
});

suite('e2e harness: an untrusted workspace (Restricted Mode)', () => {
  const session = useSession({
    name: 'harness-untrusted',
    trusted: false,
    files: [{ name: 'a.txt', text: 'hello\n' }],
  });

  test('the extension host sees an untrusted workspace', async () => {
    const s = session();
    assert.equal((await s.probe()).isTrusted, false);
    await s.page.locator('[id="status.workspaceTrust"]').waitFor();
  });
});

suite('e2e harness: display language zh-cn', () => {
  const session = useSession({
    name: 'harness-zh-cn',
    locale: 'zh-cn',
    languagePack: 'zh-cn',
    files: [{ name: 'a.txt', text: 'hello\n' }],
  });

  test('vscode.env.language is zh-cn with --locale zh-cn and a language pack', async () => {
    assert.equal((await session().probe()).language, 'zh-cn');
  });
});
