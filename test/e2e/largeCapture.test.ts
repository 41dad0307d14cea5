import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureToText } from '../../server/src/cli/captureInput';
import { pcapCopies } from '../support/pcapCopies';
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
import { eventually, fixturesDir, pickTreeRow, useSession } from './harness';

const NAME = 'large.pcap';
/** The document VS Code shows the capture's text in (its tab's name). */
const DOCUMENT = `${NAME}.tcpdump`;
/** Characters of text wanted: above the 50 MiB VS Code hands to extensions. */
const TEXT_CHARS = 52 * 1024 * 1024;
const RETRANSMIT_EVERY = 7;

/**
 * A real capture of one connection (handshake, request, response, 4-way close) copied on other
 * ports until its text as tcpdump prints it passes TEXT_CHARS, with a retransmission in every
 * RETRANSMIT_EVERY-th copy: about 40 MB of pcap whose text VS Code never hands over. Its lines
 * are rendered here in UTC and in the editor in the machine's time zone: times of the same
 * length, which is all the test reads of them.
 */
function largeCapture(): { pcap: Buffer; copies: number; lines: string[] } {
  const one = fs.readFileSync(path.resolve(fixturesDir, '..', 'pcap', 'normal-4way-close.pcap'));
  const textOfOne = captureToText(one, 'UTC').text.length;
  const copies = Math.ceil((TEXT_CHARS * 1.02) / textOfOne);
  const pcap = pcapCopies(one, copies, { retransmitEvery: RETRANSMIT_EVERY });
  const rendered = captureToText(pcap, 'UTC');
  assert.equal(rendered.error, null);
  assert.ok(rendered.text.length > TEXT_CHARS, `${rendered.text.length} characters`);
  return { pcap, copies, lines: rendered.text.split('\n').slice(0, -1) };
}

/**
 * The lines (0-based) of copy `k`'s packets: those between its two endpoints, the first copy's
 * with both ports raised by `k` (one port alone may be another copy's other port).
 */
function linesOfCopy(lines: readonly string[], k: number): number[] {
  const first = /IP (\S+)\.(\d+) > (\S+)\.(\d+): /.exec(lines[0]!)!;
  const client = `${first[1]}.${(Number(first[2]) + k) & 0xffff}`;
  const server = `${first[3]}.${(Number(first[4]) + k) & 0xffff}`;
  return lines.flatMap((text, line) =>
    text.includes(` ${client} > ${server}:`) || text.includes(` ${server} > ${client}:`)
      ? [line]
      : [],
  );
}

suite('e2e: a capture whose text VS Code does not hand to extensions, analysed from disk', () => {
  let made: ReturnType<typeof largeCapture>;
  const session = useSession({
    name: 'large-capture',
    files: [{ name: 'README.md', text: 'The capture is added by the test.\n' }],
    settings: LARGE_FILE_SETTINGS,
  });

  test('opening it says why its text is not annotated and offers "Analyze from disk"', async function () {
    this.timeout(240_000);
    const s = session();
    made = largeCapture();
    fs.writeFileSync(path.join(s.workspace, NAME), made.pcap);
    await s.openFile(NAME);
    const notice = toast(s, 'does not pass documents over 50 MB to extensions');
    await notice.waitFor({ timeout: 120_000 });
    assert.match(
      await notice.innerText(),
      /tcpdump Lens: The text of large\.pcap is 5\d\.\d MB: VS Code does not pass documents over 50 MB to extensions, so tcpdump Lens cannot annotate it in the editor\./,
    );
    await s.screenshot('large-capture-notice');
    await notice.locator('.monaco-button', { hasText: 'Analyze from disk' }).click();
  });

  test('the analysis reads the capture: every line, packet and connection of its text', async function () {
    this.timeout(240_000);
    const s = session();
    const summary = await fromDiskSummary(s, NAME);
    assert.equal(summary.lines, made.lines.length);
    // A few packets land on OpenFlow's ports, whose decoder prints a second line.
    const packets = made.lines.filter((l) => /^\d\d:\d\d:\d\d\.\d{6} IP /.test(l)).length;
    assert.ok(made.lines.length - packets < 10, `${packets} packets`);
    assert.equal(summary.packets, packets, 'a packet per line that starts with a time');
    assert.equal(summary.tcpPackets, packets, 'every packet is TCP');
    assert.equal(summary.connections, made.copies, 'a connection per copy');
    assert.equal(
      summary.findings,
      Math.ceil(made.copies / RETRANSMIT_EVERY),
      'the retransmissions',
    );
    console.log(
      `      (${(made.pcap.length / 1e6).toFixed(1)} MB capture analysed in ${summary.seconds} s)`,
    );
    await s.screenshot('large-capture-analysed');
  });

  test('the findings are in the Problems panel, under the capture’s document', async () => {
    await assertRetransmissionsListed(session(), DOCUMENT);
  });

  test('picking a connection draws it from the capture; an arrow reveals its line', async function () {
    this.timeout(120_000);
    const s = session();
    const { rows } = await listedConnections(s);
    // Connection 8 is copy 7: its ports are 7 above the capture's, and it has a retransmission.
    const row = rows.filter({ hasText: /^#8 / }).first();
    assert.match(await row.innerText(), /#8 127\.0\.0\.1:36209 → 127\.0\.0\.1:47009/);
    await pickTreeRow(row);

    const frame = await panelDiagram(s, DOCUMENT);
    const lines = linesOfCopy(made.lines, 7);
    assert.equal(lines.length, 12, 'its packets in the text: 11 and a retransmission');
    assert.match(
      (await frame.locator('.status').textContent()) ?? '',
      /^12 of 12 packets · 1 of 1 connection/,
    );
    const drawn = await arrows(frame);
    assert.deepEqual(
      drawn.map((a) => a.line),
      lines.slice(0, drawn.length),
      'an arrow per packet, at its line of the capture’s text',
    );
    await s.screenshot('large-capture-diagram');

    const target = drawn[4]!;
    await assertArrowSelectsLine(s, frame, DOCUMENT, target, made.lines[target.line]!.length);
  });

  test('the Connections view lists a page of connections and more on request; any is drawn by its number', async function () {
    this.timeout(180_000);
    const s = session();
    const { pane, rows } = await listedConnections(s);
    assert.match(
      await pane.locator('.pane-header').innerText(),
      new RegExp(`\\b${made.copies}\\b`),
    );
    const total = made.copies.toLocaleString('en');
    // Only the rows in sight are in the page: End moves the tree's focus to its last row.
    const lastRow = pane.locator('.monaco-list-row.focused');
    // The tree takes the keys; a click on a row would draw that connection, and the editor that
    // reveals its line could take the focus between the keys below.
    const toLastRow = async () => {
      await pane.locator('.monaco-list').first().focus();
      await s.page.keyboard.press('End');
    };
    await toLastRow();
    await eventually(
      () => lastRow.innerText(),
      (text) =>
        text.includes('Show 1,000 more connections') && text.includes(`1,000 of ${total} listed`),
      { message: 'the first 1,000 listed, and a row to list more' },
    );
    await toLastRow();
    await s.page.keyboard.press('Enter');
    await eventually(
      async () => {
        await toLastRow();
        return lastRow.innerText();
      },
      (text) => text.includes(`2,000 of ${total} listed`),
      { message: 'the next 1,000 listed', timeout: 30_000 },
    );
    assert.equal(await rows.filter({ hasText: /^#2000 / }).count(), 1, 'connection #2000 listed');
    await s.screenshot('large-capture-more-connections');

    // Connection 20,000 (copy 19,999, with a retransmission) is not listed: it is typed.
    await s.runCommand('tcpdump Lens: Show Sequence Diagram', 'asks-more');
    const input = s.page.locator('.quick-input-widget input');
    assert.match(
      (await input.getAttribute('placeholder')) ?? '',
      new RegExp(`Type a connection's number \\(1 to ${total}\\) or pick one`),
    );
    await input.fill('20000');
    const typed = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: /^#20000/ });
    await typed.first().waitFor({ timeout: 10_000 });
    await s.page.keyboard.press('Enter');

    const lines = linesOfCopy(made.lines, 19_999);
    assert.equal(lines.length, 12, 'its packets in the text: 11 and a retransmission');
    const frame = await panelDiagram(s, DOCUMENT);
    await eventually(
      async () => (await arrows(frame)).map((a) => a.line),
      (drawn) => drawn.length > 4 && drawn.every((line, i) => line === lines[i]),
      { message: 'the arrows of connection 20,000, at its lines', timeout: 60_000 },
    );
    await s.screenshot('large-capture-connection-by-number');
  });
});
