import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeReadError } from '../../server/src/cli/readInput';
import { repoRoot } from '../support/paths';
import { tempFile } from '../support/streamedLogs';
import { assertCliBuilt, cli, runCli, sample } from '../support/cli';

/** A real capture's first `bytes` bytes, in a file of its own: a capture cut short. */
function cutCapture(bytes: number): string {
  const pcap = fs.readFileSync(
    path.join(repoRoot, 'test', 'baseline', 'pcap', 'normal-3way-close.pcap'),
  );
  return tempFile('cut.pcap', pcap.subarray(0, bytes));
}

const run = (args: string[], input?: string) => runCli(args, { input });

suite('cli: tcpdump-lens', function () {
  suiteSetup(function () {
    assertCliBuilt();
  });

  test('annotates every TCP packet of the sample and ends with the connection table', () => {
    const r = run([sample]);
    assert.equal(r.code, 0, r.stderr);
    const input = fs
      .readFileSync(sample, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const out = r.stdout.split('\n');
    for (const l of input) assert.ok(out.includes(l), `input line kept verbatim: ${l}`);
    assert.match(
      r.stdout,
      /└─ \[c1 client → server\] handshake 1\/3 │ client SYN_SENT · server SYN_RCVD/,
    );
    assert.match(r.stdout, /^#\s+client\s+server\s+packets\s+handshake\s+close/m);
  });

  test('--format json follows schema tcpdump-lens/1', () => {
    const r = run(['--format', 'json', sample]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as {
      schema: string;
      packets: Array<Record<string, unknown>>;
      connections: Array<Record<string, unknown>>;
      lines: Array<{ line: number; kind: string }>;
    };
    assert.equal(doc.schema, 'tcpdump-lens/1');
    for (const key of [
      'packet',
      'line',
      'endLine',
      'protocol',
      'connection',
      'direction',
      'step',
      'stateAfter',
      'findings',
    ]) {
      assert.ok(key in doc.packets[0]!, `packet has ${key}`);
    }
    for (const key of [
      'id',
      'client',
      'server',
      'firstPacket',
      'lastPacket',
      'packets',
      'handshake',
      'close',
      'activeCloser',
      'finalState',
    ]) {
      assert.ok(key in doc.connections[0]!, `connection has ${key}`);
    }
    assert.equal(doc.packets[0]!['packet'], 1);
    assert.equal(doc.packets[0]!['step'], 'handshake 1/3');
    assert.deepEqual(doc.packets[0]!['stateAfter'], { client: 'SYN_SENT', server: 'SYN_RCVD' });
    const lineCount = fs
      .readFileSync(sample, 'utf8')
      .split('\n')
      .filter((_, i, a) => i < a.length - 1).length;
    assert.equal(doc.lines.length, lineCount, 'one entry per input line');
  });

  test('--format summary prints only the table', () => {
    const r = run(['--format=summary', sample]);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /Flags \[/);
    assert.match(r.stdout, /TCP connection/);
  });

  test('reads standard input with -', () => {
    const r = run(['-', '--format', 'summary'], fs.readFileSync(sample, 'utf8'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\s+\S+\s+\S+\s+\d+\s+complete/m);
  });

  test('--stats reports on stderr what was analysed and how fast; no progress bar off a terminal', () => {
    const r = run(['--stats', '--format', 'summary', sample]);
    assert.equal(r.code, 0);
    assert.match(
      r.stderr,
      /^tcpdump-lens: analysed 0\.0 MB: 27 lines, 27 packets, 3 connections in \d+\.\d\d s \([\d,]+ lines\/s, [\d.]+ MB\/s\)\n$/,
    );
    assert.doesNotMatch(r.stdout, /analysed/);
    const quiet = run(['--no-progress', '--format', 'summary', sample]);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stderr, '');
  });

  test('a missing file: clear message, exit 1', () => {
    const r = run([path.join(os.tmpdir(), 'no-such-capture.txt')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no such file/);
    assert.equal(r.stdout, '');
  });

  test('a directory: clear message, exit 1', () => {
    const r = run([repoRoot]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is a directory/);
  });

  test('a file it may not read: clear message, exit 1', function () {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-')), 'secret.tcpdump');
    fs.copyFileSync(sample, file);
    fs.chmodSync(file, 0o000);
    // root reads any file: run as an unprivileged user when the tests run as root.
    const asRoot = process.getuid?.() === 0;
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, cli, file], {
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
    if (asRoot && r.error) this.skip();
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /permission denied/);
    assert.equal(r.stdout, '');
  });

  test('a file that is not tcpdump output says so and shows the lines it could not read', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-')), 'notes.txt');
    fs.writeFileSync(file, 'shopping list\neggs\n');
    const r = run([file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no tcpdump packet lines found/);
    assert.match(r.stderr, /line 1: shopping list/);
  });

  test('unknown flag, missing argument and bad format: usage error, exit 2', () => {
    for (const args of [['--frobnicate', sample], [], ['--format', 'xml', sample], ['--format']]) {
      const r = run(args);
      assert.equal(r.code, 2, `args ${args.join(' ')}`);
      assert.match(r.stderr, /^tcpdump-lens: /);
      assert.match(r.stderr, /Usage: tcpdump-lens/);
    }
  });

  test('--help and --version', () => {
    assert.match(run(['--help']).stdout, /Usage: tcpdump-lens/);
    assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  test('reads a pcap directly, as tcpdump -n -r would print it', () => {
    const pcap = path.join(repoRoot, 'test', 'baseline', 'pcap', 'normal-3way-close.pcap');
    const text = fs.readFileSync(
      path.join(repoRoot, 'test', 'baseline', 'fixtures', 'normal-3way-close', 'n.tcpdump'),
      'utf8',
    );
    const r = run([pcap]);
    assert.equal(r.code, 0, r.stderr);
    const printed = r.stdout.split('\n').filter((l) => !l.startsWith('    └─'));
    assert.deepEqual(printed.slice(0, 10), text.trimEnd().split('\n'));
    assert.match(r.stdout, /1\s+127\.0\.0\.1\.\d+\s+127\.0\.0\.1\.47001\s+10\s+complete\s+3-way/);
  });

  test('a truncated capture: the byte offset on stderr, the packets before it still analysed', () => {
    const r = run(['--format', 'summary', cutCapture(700)]);
    assert.equal(r.code, 0);
    assert.match(
      r.stderr,
      /truncated dump file.*at byte offset 524; showing the 5 packets before it/,
    );
    assert.match(r.stdout, /5 TCP packets of 5/);
  });

  test('a capture cut before its first packet: not readable, exit 1, the reason and offset', () => {
    const r = run(['--format', 'summary', cutCapture(30)]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^tcpdump-lens: .*cut\.pcap: not a readable capture file: packet record 1: truncated dump file; .* \(byte offset 24\)\n$/,
    );
  });

  test('--timestamps prints a capture with the chosen timestamp form, as tcpdump -tttt does', () => {
    const pcap = path.join(repoRoot, 'test', 'baseline', 'pcap', 'normal-3way-close.pcap');
    const text = fs.readFileSync(
      path.join(repoRoot, 'test', 'baseline', 'fixtures', 'normal-3way-close', 'tttt.tcpdump'),
      'utf8',
    );
    const r = run(['--timestamps', 'date-time', pcap]);
    assert.equal(r.code, 0, r.stderr);
    const printed = r.stdout.split('\n').filter((l) => !l.startsWith('    └─'));
    assert.deepEqual(printed.slice(0, 10), text.trimEnd().split('\n'));
    assert.equal(run(['--timestamps', 'sometimes', pcap]).code, 2);
  });

  test('input too large to read whole: the message says which ways stream it', () => {
    const tooLong = Object.assign(
      new Error('Cannot create a string longer than 0x1fffffe8 characters'),
      {
        code: 'ERR_STRING_TOO_LONG',
      },
    );
    assert.equal(
      describeReadError(tooLong, '-'),
      '-: too large to read whole; the default format and --format summary stream it',
    );
  });

  test('Ctrl-C on a live capture piped in: what was read is annotated, then the tool ends', async function () {
    this.timeout(20000);
    // Standard input stays open, as under `tcpdump -l … | tcpdump-lens -`, until SIGINT.
    // The text piped in is copied to a temporary folder of its own to be read again.
    const tmpdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-live-'));
    const child = spawn(process.execPath, [cli, '-'], {
      env: { ...process.env, NO_COLOR: '1', TMPDIR: tmpdir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.write(fs.readFileSync(sample));
    // Nothing is printed while the capture goes on: the report needs the packets to come.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(stdout, '');
    assert.equal(fs.readdirSync(tmpdir).length, 1, 'the copy being written');
    child.kill('SIGINT');
    const code = await closed;
    assert.equal(code, 0, stderr);
    assert.equal(stdout, run([sample]).stdout);
    assert.deepEqual(fs.readdirSync(tmpdir), [], 'the copy is removed');
  });

  test('a reader that closes the pipe early (| head) ends it quietly, with status 0', async () => {
    // Far more output than a pipe holds, so the tool is still writing when the reader goes.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-')), 'long.tcpdump');
    fs.writeFileSync(file, fs.readFileSync(sample, 'utf8').repeat(400));
    const child = spawn(process.execPath, [cli, file], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
