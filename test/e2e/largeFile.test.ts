import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { arrows } from './diagramHarness';
import {
  LARGE_FILE_SETTINGS,
  assertArrowSelectsLine,
  assertRetransmissionsListed,
  fromDiskSummary,
  listedConnections,
  panelDiagram,
  toast,
} from './diskAnalysisHarness';
import { pickTreeRow, useSession } from './harness';
import type { LargeLog } from './largeLog';
import { writeLargeLog } from './largeLog';

/** Just over 60 MB: above the 50 MB VS Code hands to extensions. */
const LOG_BYTES = 60 * 1024 * 1024;
const NAME = 'large.tcpdump';

/** The lines (0-based) of the connection whose SYN is the log's first line, and its endpoints. */
async function firstConnection(
  file: string,
): Promise<{ lines: number[]; client: string; server: string }> {
  const input = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let needles: string[] = [];
  let client = '';
  let server = '';
  const lines: number[] = [];
  let n = 0;
  for await (const line of input) {
    if (n === 0) {
      const m = /IP (\S+) > (\S+): Flags \[S\],/.exec(line);
      assert.ok(m, `the log starts with a SYN: ${line}`);
      [client, server] = [m[1]!, m[2]!];
      needles = [` ${client} > ${server}:`, ` ${server} > ${client}:`];
    }
    if (needles.some((x) => line.includes(x))) lines.push(n);
    n++;
  }
  return { lines, client, server };
}

/** `host.port` as the Connections view shows it. */
const shown = (endpoint: string) => endpoint.replace(/\.(\d+)$/, ':$1');

/** Resident memory of the language server the extension started, in MB (Linux ps). */
function serverResidentMegabytes(extensionsDir: string): number | null {
  const out = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8' });
  const line = out
    .split('\n')
    .find((l) => l.includes(`${extensionsDir}/`) && l.includes('dist/server.js'));
  return line ? Math.round(Number(line.trim().split(/\s+/)[0]) / 1024) : null;
}

suite('e2e: a 60 MB tcpdump log VS Code does not hand to extensions, analysed from disk', () => {
  const dir = path.join(os.tmpdir(), `tcpdump-lens-e2e-large-log-${process.pid}`);
  let made: Promise<LargeLog>;
  let log: LargeLog;

  // Made while code-server starts (tcpdump takes about half a minute); the first test waits.
  suiteSetup(() => {
    made = writeLargeLog(dir, LOG_BYTES);
    made.catch(() => undefined);
  });
  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  const session = useSession({
    name: 'large-file',
    files: [{ name: 'README.md', text: 'The large log is added by the test.\n' }],
    settings: LARGE_FILE_SETTINGS,
  });

  test('opening it says why it is not annotated and offers "Analyze from disk"', async function () {
    this.timeout(240_000);
    const s = session();
    log = await made;
    assert.ok(log.bytes > LOG_BYTES && log.bytes < LOG_BYTES + 1000, `${log.bytes} bytes`);
    fs.copyFileSync(log.file, path.join(s.workspace, NAME));
    await s.openFile(NAME);
    const notice = toast(s, 'does not pass files over 50 MB to extensions');
    await notice.waitFor({ timeout: 60_000 });
    assert.match(
      await notice.innerText(),
      /tcpdump Lens: large\.tcpdump is 60\.0 MB: VS Code does not pass files over 50 MB to extensions, so tcpdump Lens cannot annotate it in the editor\./,
    );
    await s.screenshot('large-file-notice');
    await notice.locator('.monaco-button', { hasText: 'Analyze from disk' }).click();
    await toast(s, 'analysing large.tcpdump from disk').waitFor({ timeout: 30_000 });
    await s.screenshot('large-file-progress');
  });

  test('the analysis reports every line, packet and connection, and how long it took', async function () {
    this.timeout(240_000);
    const s = session();
    const summary = await fromDiskSummary(s, NAME);
    const syns = Number(
      execFileSync('grep', ['-c', 'Flags \\[S\\],', path.join(s.workspace, NAME)], {
        encoding: 'utf8',
      }).trim(),
    );
    assert.equal(summary.lines, log.lines);
    assert.equal(summary.packets, log.lines, 'every line is a packet');
    assert.equal(summary.tcpPackets, log.lines, 'every packet is TCP');
    assert.equal(summary.connections, syns, 'one connection per SYN');
    assert.ok(summary.findings > 0, 'the retransmissions are found');
    const memory = serverResidentMegabytes(s.extensionsDir);
    fs.appendFileSync(
      path.join(s.logDir, 'timings.log'),
      `analysed ${log.bytes} bytes from disk in ${summary.seconds} s; language server resident memory ${memory} MB\n`,
    );
    console.log(
      `      (${(log.bytes / 1e6).toFixed(1)} MB analysed in ${summary.seconds} s; language server ${memory} MB resident)`,
    );
    await s.screenshot('large-file-analysed');
  });

  test('the findings are in the Problems panel', async () => {
    await assertRetransmissionsListed(session(), NAME);
  });

  test('the Connections view lists every connection; picking one draws its diagram from disk', async function () {
    this.timeout(120_000);
    const s = session();
    const first = await firstConnection(path.join(s.workspace, NAME));
    const { pane, rows } = await listedConnections(s);
    const syns = execFileSync('grep', ['-c', 'Flags \\[S\\],', path.join(s.workspace, NAME)], {
      encoding: 'utf8',
    }).trim();
    assert.match(await pane.locator('.pane-header').innerText(), new RegExp(`\\b${syns}\\b`));
    const row = rows.filter({ hasText: /^#1 / }).first();
    assert.match(
      await row.innerText(),
      new RegExp(
        `#1 ${shown(first.client).replaceAll('.', '\\.')} → ${shown(first.server).replaceAll('.', '\\.')}`,
      ),
    );
    await pickTreeRow(row);

    // The diagram draws the rows in view: check those, and the count of all in its status.
    const frame = await panelDiagram(s, NAME);
    const count = first.lines.length;
    assert.match(
      (await frame.locator('.status').textContent()) ?? '',
      new RegExp(`^${count} of ${count} packets · 1 of 1 connection`),
    );
    const expected = first.lines.map((line) => [line + 1, line]);
    const drawn = await arrows(frame);
    assert.deepEqual(
      drawn.map((a) => [a.packet, a.line]),
      expected.slice(0, drawn.length),
      'an arrow per packet of the connection, at its line of the file',
    );
    await s.screenshot('large-file-diagram');

    // An arrow opens the file at its line, though VS Code never handed the document over.
    const target = drawn[3]!;
    const lineText = await lineOf(path.join(s.workspace, NAME), target.line);
    await assertArrowSelectsLine(s, frame, NAME, target, lineText.length);
  });
});

/** One line (0-based) of a file. */
async function lineOf(file: string, wanted: number): Promise<string> {
  const input = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of input) {
    if (n++ === wanted) {
      input.close();
      return line;
    }
  }
  throw new Error(`${file} has no line ${wanted}`);
}
