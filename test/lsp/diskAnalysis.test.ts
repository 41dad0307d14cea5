import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { WorkDoneProgress } from 'vscode-languageserver-protocol';
import type { Analysis } from '../../server/src/analysis';
import { analyze } from '../../server/src/analysis';
import type {
  AnalyzeFileParams,
  FileAnalysis,
  FileConnection,
  FileConnectionTimelineParams,
  FileConnectionsPage,
  FileConnectionsParams,
  Timeline,
} from '../../server/src/protocol';
import {
  AnalyzeFileRequest,
  FILE_CONNECTIONS_PAGE,
  FileConnectionTimelineRequest,
  FileConnectionsRequest,
  ForgetFileAnalysisNotification,
  TimelineRequest,
} from '../../server/src/protocol';
import { captureToText } from '../../server/src/cli/captureInput';
import { pcapCopies } from '../support/pcapCopies';
import { filesBelow, repoRoot } from '../support/paths';
import type { Harness } from './harness';
import { fixture, manyConnections, startHarness } from './harness';

const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');
const pcapDir = path.join(repoRoot, 'test', 'baseline', 'pcap');
const REQUEST_FAILED = -32803;
const REQUEST_CANCELLED = -32800;

/** What the in-memory analysis says the Connections view should list. */
function expectedConnections(a: Analysis): FileConnection[] {
  return a.connections.map((c) => {
    const own = a.findings.filter((f) => f.connection === c.id);
    return {
      id: c.id,
      client: c.client,
      server: c.server,
      clientInferred: c.clientInferred,
      handshake: c.handshake,
      close: c.close,
      activeCloser: c.activeCloser,
      finalState: c.finalState,
      packets: c.packets,
      findings: own.length,
      firstPacket: c.firstPacket,
      lastPacket: c.lastPacket,
      codes: [...new Set(own.map((f) => f.code))],
      firstLine: a.packets[c.firstPacket - 1]!.line,
    };
  });
}

/** A diagnostic without what differs between an open document and a file on disk: the URI. */
function comparable(d: Diagnostic) {
  return {
    line: d.range.start.line,
    endLine: d.range.end.line,
    code: d.code,
    severity: d.severity,
    message: d.message,
    related: (d.relatedInformation ?? []).map((r) => ({
      line: r.location.range.start.line,
      message: r.message,
    })),
  };
}

/** The in-memory diagram model of one connection, with lanes numbered 0 and 1 as from disk. */
function onlyConnection(t: Timeline, id: number) {
  const c = t.connections.find((x) => x.id === id)!;
  const lane = (l: number) => (l === c.clientLane ? 0 : 1);
  return {
    lanes: [c.clientLane, c.serverLane].map((l, i) => ({ ...t.lanes[l]!, id: i })),
    connections: [{ ...c, clientLane: 0, serverLane: 1 }],
    packets: t.packets
      .filter((p) => p.connection === id)
      .map((p) => ({ ...p, from: lane(p.from), to: lane(p.to) })),
  };
}

/** Times relative to the first packet's (from disk they count from the connection's start). */
function withRelativeTimes<T extends { packets: Array<{ time: number | null }> }>(t: T): T {
  const first = t.packets[0]?.time ?? null;
  return {
    ...t,
    packets: t.packets.map((p) => ({
      ...p,
      time: p.time === null || first === null ? p.time : Number((p.time - first).toFixed(6)),
    })),
  };
}

/** Whether this process holds `file` open (Linux: /proc/self/fd). */
function holdsOpen(file: string): boolean {
  return fs.readdirSync('/proc/self/fd').some((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  });
}

async function rejection(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `a response error: ${String(error)}`);
    return error;
  }
  assert.fail('the request succeeded');
}

suite('lsp: analyse a file from disk (tcpdumpLens/analyzeFile)', function () {
  this.timeout(60_000);
  let h: Harness;
  let dir: string;
  let opened = 0;

  suiteSetup(async () => {
    h = await startHarness({ locale: 'en' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpdump-lens-disk-'));
  });
  suiteTeardown(() => {
    h.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeFile(name: string, text: string): { file: string; uri: string } {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return { file, uri: pathToFileURL(file).href };
  }

  const analyseFile = (params: AnalyzeFileParams, token?: CancellationTokenSource) =>
    h.client.sendRequest<FileAnalysis>(AnalyzeFileRequest, params, token?.token);
  const fileTimeline = (params: FileConnectionTimelineParams) =>
    h.client.sendRequest<Timeline>(FileConnectionTimelineRequest, params);
  const connectionsPage = (params: FileConnectionsParams) =>
    h.client.sendRequest<FileConnectionsPage>(FileConnectionsRequest, params);

  for (const fixtureFile of filesBelow(fixturesDir, '.tcpdump')) {
    const name = path.relative(fixturesDir, fixtureFile);
    test(`the same results as the open document: ${name}`, async () => {
      const text = fs.readFileSync(fixtureFile, 'utf8');
      const expected = analyze(text);
      const { uri } = writeFile(name.replaceAll('/', '-'), text);
      const result = await analyseFile({ uri });
      assert.equal(result.uri, uri);
      assert.equal(result.bytes, Buffer.byteLength(text));
      assert.equal(result.lines, expected.lines.length);
      assert.equal(result.packets, expected.packets.length);
      assert.equal(result.tcpPackets, expected.tcp.length);
      assert.equal(result.findings, expected.findings.length);
      assert.equal(
        result.unrecognisedLines,
        expected.lines.filter((l) => l.kind === 'unrecognised').length,
      );
      assert.equal(result.error, null);
      assert.equal(result.connectionCount, expected.connections.length);
      assert.deepEqual(result.connections, expectedConnections(expected));

      // Diagnostics: those of the open document, on the first line of each packet.
      const openUri = await h.open(`open-${++opened}.tcpdump`, text);
      const firstLine = (line: number) => {
        const record = expected.lines[line]!;
        return record.packet === null ? line : expected.packets[record.packet - 1]!.line;
      };
      const fromDocument = (await h.diagnostics(openUri)).map(comparable);
      const fromDisk = await h.diagnostics(uri);
      const sameLines = expected.packets.every((p) => p.headerLine === p.line);
      if (sameLines) assert.deepEqual(fromDisk.map(comparable), fromDocument);
      else
        assert.deepEqual(
          fromDisk.map((d) => [d.range.start.line, d.code]),
          fromDocument.map((d) => [firstLine(d.line), d.code]),
        );
      for (const d of fromDisk) assert.equal(d.range.start.character, 0);

      // The diagram of each connection: the open document's, lines and packets as in the file.
      const whole = await h.client.sendRequest<Timeline>(TimelineRequest, { uri: openUri });
      for (const c of result.connections) {
        const model = await fileTimeline({ uri, connection: c.id });
        assert.equal(model.uri, uri);
        assert.deepEqual(
          withRelativeTimes({ ...model, uri: undefined, version: undefined }),
          withRelativeTimes({ ...onlyConnection(whole, c.id), uri: undefined, version: undefined }),
          `connection ${c.id}`,
        );
        const start = model.packets[0]?.time;
        if (start !== null && start !== undefined)
          assert.equal(start, 0, 'times from the first packet');
      }
    });
  }

  test('the diagram of a connection deep in a file of many: the open document’s', async () => {
    const text = manyConnections(400);
    const { uri } = writeFile('many.tcpdump', text);
    const result = await analyseFile({ uri });
    assert.equal(result.connectionCount, 1200);
    // The answer lists the first page; the rest come a page at a time, in order.
    assert.equal(result.connections.length, FILE_CONNECTIONS_PAGE);
    const rest = await connectionsPage({ uri, start: FILE_CONNECTIONS_PAGE, count: 5000 });
    assert.deepEqual(
      { ...rest, connections: rest.connections.length },
      {
        uri,
        start: FILE_CONNECTIONS_PAGE,
        total: 1200,
        connections: 200,
      },
    );
    const listed = [...result.connections, ...rest.connections];
    const openUri = await h.open(`open-${++opened}.tcpdump`, text);
    assert.deepEqual(listed, expectedConnections(analyze(text)));
    const middle = await connectionsPage({ uri, start: 598, count: 4 });
    assert.deepEqual(middle.connections, listed.slice(598, 602));
    // A page asked for before the first starts at the first, and says so.
    const before = await connectionsPage({ uri, start: -5, count: 2 });
    assert.deepEqual(before, { uri, start: 0, total: 1200, connections: listed.slice(0, 2) });
    const ids = listed.map((c) => c.id);
    // The first file lines, the middle (read from a checkpoint), the end of the file.
    const picked = [...ids.slice(0, 3), ids[ids.length >> 1]!, ...ids.slice(-3)];
    const whole = await h.client.sendRequest<Timeline>(TimelineRequest, { uri: openUri });
    for (const id of picked) {
      const model = await fileTimeline({ uri, connection: id });
      assert.ok(model.packets.length > 0);
      assert.deepEqual(
        withRelativeTimes({ ...model, uri: undefined, version: undefined }),
        withRelativeTimes({ ...onlyConnection(whole, id), uri: undefined, version: undefined }),
        `connection ${id}`,
      );
    }
  });

  // A capture whose text VS Code will not hand over is analysed from the capture: the server
  // renders it as the client did, so lines, findings and diagrams are those of its text.
  for (const [name, timeZone, timestamps] of [
    ['port-reuse.pcap', 'UTC', 'time'],
    ['dup-ack-retrans-rtt.pcap', 'Asia/Shanghai', 'date-time'],
    ['any-interface.pcap', 'America/New_York', 'delta-previous'],
  ] as const) {
    test(`a capture analysed from disk: the results of its text (${name}, ${timestamps})`, async () => {
      const capture = pathToFileURL(path.join(pcapDir, name)).href;
      const rendered = captureToText(
        fs.readFileSync(path.join(pcapDir, name)),
        timeZone,
        timestamps,
      );
      assert.equal(rendered.error, null);
      const asText = writeFile(`${name}.tcpdump`, rendered.text);
      const documentUri = `tcpdump-lens:/captures/${name}.tcpdump?${encodeURIComponent(capture)}`;
      const fromCapture = await analyseFile({
        uri: documentUri,
        capture: { file: capture, timeZone, timestamps },
      });
      const fromText = await analyseFile({ uri: asText.uri });
      assert.equal(fromCapture.uri, documentUri);
      assert.equal(fromCapture.bytes, fs.statSync(path.join(pcapDir, name)).size);
      assert.ok(fromCapture.packets > 0);
      assert.deepEqual(
        { ...fromCapture, uri: '', bytes: 0, seconds: 0 },
        { ...fromText, uri: '', bytes: 0, seconds: 0 },
      );
      assert.deepEqual(
        (await h.diagnostics(documentUri)).map(comparable),
        (await h.diagnostics(asText.uri)).map(comparable),
      );
      for (const c of fromCapture.connections) {
        const model = await fileTimeline({ uri: documentUri, connection: c.id });
        const expected = await fileTimeline({ uri: asText.uri, connection: c.id });
        assert.ok(model.packets.length > 0);
        assert.deepEqual({ ...model, uri: '' }, { ...expected, uri: '' }, `connection ${c.id}`);
      }
    });
  }

  test('a capture of many connections: each diagram is read from the copy of its text, kept while its results are', async () => {
    // Many copies of a capture's packets, each copy on other ports: one pcap of many connections.
    const one = fs.readFileSync(path.join(pcapDir, 'normal-4way-close.pcap'));
    const copies = 300;
    const file = path.join(dir, 'many.pcap');
    fs.writeFileSync(file, pcapCopies(one, copies, { retransmitEvery: 7 }));
    const capture = { file: pathToFileURL(file).href, timeZone: 'UTC', timestamps: 'epoch' };
    const uri = `tcpdump-lens:${file}.tcpdump?${encodeURIComponent(capture.file)}`;
    // The server runs in this process: its temporary folder is the one TMPDIR names meanwhile.
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const previousTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    const copiesKept = () =>
      fs.readdirSync(tmp).map((folder) => fs.readdirSync(path.join(tmp, folder)));
    try {
      const result = await analyseFile({ uri, capture });
      assert.equal(result.connectionCount, copies);
      assert.equal(result.findings, Math.ceil(copies / 7), 'a retransmission every 7th copy');
      const rendered = captureToText(fs.readFileSync(file), 'UTC', 'epoch').text;
      // One private folder, holding the text as the editor shows it.
      const [folder, ...others] = fs.readdirSync(tmp);
      assert.deepEqual(others, []);
      assert.equal(fs.readFileSync(path.join(tmp, folder!, 'capture.txt'), 'utf8'), rendered);

      const openUri = await h.open(`open-${++opened}.tcpdump`, rendered);
      const whole = await h.client.sendRequest<Timeline>(TimelineRequest, { uri: openUri });
      for (let id = 1; id <= copies; id++) {
        const model = await fileTimeline({ uri, connection: id });
        assert.deepEqual(
          withRelativeTimes({ ...model, uri: undefined, version: undefined }),
          withRelativeTimes({ ...onlyConnection(whole, id), uri: undefined, version: undefined }),
          `connection ${id}`,
        );
      }

      // Analysed again, the new copy replaces the old; forgotten, it goes.
      await analyseFile({ uri, capture });
      assert.deepEqual(copiesKept(), [['capture.txt']]);
      await h.client.sendNotification(ForgetFileAnalysisNotification, { uri });
      await rejection(fileTimeline({ uri, connection: 1 }));
      assert.deepEqual(copiesKept(), []);

      // The capture itself is what must not change: its name is in the message.
      await analyseFile({ uri, capture });
      fs.appendFileSync(file, one.subarray(24, 200));
      const changed = await rejection(fileTimeline({ uri, connection: copies }));
      assert.equal(
        changed.message,
        'many.pcap changed on disk since it was analysed: analyse it again.',
      );
      const unknown = await rejection(fileTimeline({ uri, connection: copies + 1 }));
      assert.equal(unknown.message, `many.pcap has no connection ${copies + 1}.`);
      await h.client.sendNotification(ForgetFileAnalysisNotification, { uri });
      await rejection(fileTimeline({ uri, connection: 1 }));
      assert.deepEqual(copiesKept(), []);
    } finally {
      if (previousTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previousTmp;
    }
  });

  test('with no temporary folder for a copy, a capture’s diagram is rendered from the capture', async () => {
    const one = fs.readFileSync(path.join(pcapDir, 'normal-4way-close.pcap'));
    const file = path.join(dir, 'no-copy.pcap');
    fs.writeFileSync(file, pcapCopies(one, 40, { retransmitEvery: 7 }));
    const capture = { file: pathToFileURL(file).href, timeZone: 'UTC', timestamps: 'time' };
    const uri = `tcpdump-lens:${file}.tcpdump?${encodeURIComponent(capture.file)}`;
    const previousTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = path.join(dir, 'no-such-folder', 'tmp');
    try {
      const result = await analyseFile({ uri, capture });
      assert.equal(result.connectionCount, 40);
      const rendered = captureToText(fs.readFileSync(file), 'UTC', 'time').text;
      const openUri = await h.open(`open-${++opened}.tcpdump`, rendered);
      const whole = await h.client.sendRequest<Timeline>(TimelineRequest, { uri: openUri });
      for (const id of [1, 20, 40]) {
        const model = await fileTimeline({ uri, connection: id });
        assert.deepEqual(
          withRelativeTimes({ ...model, uri: undefined, version: undefined }),
          withRelativeTimes({ ...onlyConnection(whole, id), uri: undefined, version: undefined }),
          `connection ${id}`,
        );
      }
      assert.equal(fs.existsSync(path.join(dir, 'no-such-folder')), false);
    } finally {
      if (previousTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previousTmp;
    }
  });

  test('the copies of capture texts go with the results of the oldest files', async () => {
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const previousTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    try {
      const file = pathToFileURL(path.join(pcapDir, 'port-reuse.pcap')).href;
      const capture = { file, timeZone: 'UTC', timestamps: 'time' };
      const uris = Array.from({ length: 10 }, (_, i) => `tcpdump-lens:/kept/${i}.tcpdump`);
      for (const uri of uris) await analyseFile({ uri, capture });
      // Results (and copies) are kept for the eight files analysed last.
      assert.equal(fs.readdirSync(tmp).length, 8);
      await rejection(fileTimeline({ uri: uris[1]!, connection: 1 }));
      assert.ok((await fileTimeline({ uri: uris[2]!, connection: 1 })).packets.length > 0);
      for (const uri of uris)
        await h.client.sendNotification(ForgetFileAnalysisNotification, { uri });
      await rejection(fileTimeline({ uri: uris[9]!, connection: 1 }));
      assert.deepEqual(fs.readdirSync(tmp), []);
    } finally {
      if (previousTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previousTmp;
    }
  });

  test('a file that is not a capture, or an unknown timestamp form, is answered clearly', async () => {
    const { file, uri: text } = writeFile('text.pcap', fixture('samples/http-session.tcpdump'));
    const notCapture = await rejection(
      analyseFile({
        uri: `tcpdump-lens:${file}.tcpdump`,
        capture: { file: text, timeZone: 'UTC', timestamps: 'time' },
      }),
    );
    assert.equal(notCapture.code, REQUEST_FAILED);
    assert.match(
      notCapture.message,
      new RegExp(`^Cannot read ${file}: not a readable capture file: .+ \\(byte offset 0\\)\\.$`),
    );
    const unknownForm = await rejection(
      analyseFile({
        uri: `tcpdump-lens:${file}.tcpdump`,
        capture: { file: text, timeZone: 'UTC', timestamps: '-tttttt' },
      }),
    );
    assert.equal(unknownForm.message, '-tttttt is not a timestamp form of capture files.');
  });

  test('reports progress: begin, bytes read, end', async () => {
    const { uri } = writeFile('progress.tcpdump', manyConnections(300));
    const token = 'progress-1';
    const seen: Array<{ kind: string; percentage?: number; message?: string }> = [];
    const listening = h.client.onProgress(WorkDoneProgress.type, token, (v) => seen.push(v));
    try {
      await analyseFile({ uri, workDoneToken: token });
    } finally {
      listening.dispose();
    }
    assert.equal(seen[0]?.kind, 'begin');
    assert.equal(seen.at(-1)?.kind, 'end');
    const reports = seen.filter((v): v is WorkDoneProgressReport => v.kind === 'report');
    assert.ok(reports.length >= 2, `several reports: ${JSON.stringify(reports)}`);
    const percentages = reports.map((r) => r.percentage ?? -1);
    assert.deepEqual(
      percentages,
      [...percentages].sort((a, b) => a - b),
      'percentages only grow',
    );
    assert.match(reports[0]!.message ?? '', /^\d+\.\d MB of \d+\.\d MB read$/);
    assert.equal(percentages.at(-1), 100);
  });

  test('a missing file is answered with a clear error, and the server goes on', async () => {
    const missing = path.join(dir, 'missing.tcpdump');
    const error = await rejection(analyseFile({ uri: pathToFileURL(missing).href }));
    assert.equal(error.code, REQUEST_FAILED);
    assert.equal(error.message, `Cannot read ${missing}: the file does not exist.`);

    const notAFile = await rejection(analyseFile({ uri: 'untitled:Untitled-1' }));
    assert.equal(
      notAFile.message,
      'Only files on disk can be analysed from disk, not untitled: URIs.',
    );

    const aFolder = await rejection(analyseFile({ uri: pathToFileURL(dir).href }));
    assert.equal(aFolder.message, `Cannot read ${dir}: it is a directory.`);

    const { uri } = writeFile('after-errors.tcpdump', fixture('samples/http-session.tcpdump'));
    assert.equal((await analyseFile({ uri })).connections.length, 3);
  });

  test('a file that cannot be read for permission is answered with a clear error', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads any file
    const { file, uri } = writeFile('secret.tcpdump', fixture('samples/http-session.tcpdump'));
    fs.chmodSync(file, 0o000);
    const error = await rejection(analyseFile({ uri }));
    assert.equal(error.message, `Cannot read ${file}: permission denied.`);
  });

  test('cancelling stops reading: no results kept, the file closed', async () => {
    const { file, uri } = writeFile('cancelled.tcpdump', manyConnections(3000));
    const size = fs.statSync(file).size;
    const source = new CancellationTokenSource();
    const token = 'cancel-1';
    const seen: Array<{ kind: string; percentage?: number }> = [];
    const listening = h.client.onProgress(WorkDoneProgress.type, token, (v) => {
      seen.push(v);
      if (v.kind === 'report') source.cancel();
    });
    try {
      const error = await rejection(analyseFile({ uri, workDoneToken: token }, source));
      assert.equal(error.code, REQUEST_CANCELLED);
    } finally {
      listening.dispose();
    }
    assert.equal(seen.at(-1)?.kind, 'end');
    const read = seen.filter((v) => v.kind === 'report').map((v) => v.percentage ?? 0);
    assert.ok(
      Math.max(...read) < 35,
      `reading stopped early in a ${size}-byte file: ${JSON.stringify(read)}`,
    );
    const notKept = await rejection(fileTimeline({ uri, connection: 1 }));
    assert.match(notKept.message, /has not been analysed from disk: analyse it first\.$/);
    const noPage = await rejection(connectionsPage({ uri, start: 0, count: 10 }));
    assert.match(noPage.message, /has not been analysed from disk: analyse it first\.$/);
    if (process.platform === 'linux') assert.equal(holdsOpen(file), false, 'the file is closed');
  });

  test('a diagram after the file changed on disk asks for a new analysis', async () => {
    const text = fixture('samples/http-session.tcpdump');
    const { file, uri } = writeFile('changed.tcpdump', text);
    await analyseFile({ uri });
    fs.appendFileSync(file, text);
    const error = await rejection(fileTimeline({ uri, connection: 1 }));
    assert.equal(
      error.message,
      'changed.tcpdump changed on disk since it was analysed: analyse it again.',
    );
    const unknown = await rejection(fileTimeline({ uri, connection: 99 }));
    assert.equal(unknown.message, 'changed.tcpdump has no connection 99.');
  });

  test('forgetting a file clears its diagnostics', async () => {
    const { uri } = writeFile(
      'forgotten.tcpdump',
      fixture('test/baseline/fixtures/refused/n.tcpdump'),
    );
    await analyseFile({ uri });
    assert.ok((await h.diagnostics(uri)).length > 0, 'the refusal is reported');
    await h.client.sendNotification(ForgetFileAnalysisNotification, { uri });
    // Answered after the notification was handled (and its diagnostics sent).
    await rejection(fileTimeline({ uri, connection: 1 }));
    assert.deepEqual(await h.diagnostics(uri), []);
  });
});
