import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  SYNC_LIMIT_BYTES,
  TCPDUMP_FILE_ENDINGS,
  captureNotSyncedMessage,
  formatSize,
  hasTcpdumpEnding,
  notSyncedMessage,
  summaryMessage,
} from '../../client/src/diskAnalysis/largeFiles';
import { numberTyped } from '../../client/src/diskAnalysis/connectionNumber';
import type { FileAnalysis } from '../../server/src/protocol';
import { repoRoot } from '../support/paths';

suite('large files: what the client decides and says', () => {
  test('the tcpdump endings are those of the language the extension contributes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { languages: Array<{ id: string; extensions: string[] }> };
    };
    const tcpdump = manifest.contributes.languages.find((l) => l.id === 'tcpdump')!;
    assert.deepEqual(TCPDUMP_FILE_ENDINGS, tcpdump.extensions);
  });

  test('a file is tcpdump by its ending, in any case', () => {
    assert.ok(hasTcpdumpEnding('/logs/capture.tcpdump'));
    assert.ok(hasTcpdumpEnding('/logs/CAPTURE.TCPD'));
    assert.ok(hasTcpdumpEnding('/logs/server.pcap.txt'));
    assert.ok(!hasTcpdumpEnding('/logs/server.txt'));
    assert.ok(!hasTcpdumpEnding('/logs/server.pcap'));
  });

  test('the limit is VS Code’s 50 MB, and sizes are shown in the same megabytes', () => {
    assert.equal(SYNC_LIMIT_BYTES, 52_428_800);
    assert.equal(formatSize(SYNC_LIMIT_BYTES), '50.0 MB');
    assert.equal(formatSize(62_914_613), '60.0 MB');
  });

  test('the notice says the size, the limit, and what can be done', () => {
    assert.equal(
      notSyncedMessage('big.tcpdump', 62_914_613),
      'big.tcpdump is 60.0 MB: VS Code does not pass files over 50 MB to extensions, so tcpdump ' +
        'Lens cannot annotate it in the editor. It can analyse it from disk instead: findings in ' +
        'the Problems panel, connections in the Connections view, and the sequence diagram of a ' +
        'connection.',
    );
  });

  test('the notice for a capture names the capture and the size of its text', () => {
    assert.equal(
      captureNotSyncedMessage('big.pcap', 55_000_000),
      'The text of big.pcap is 52.5 MB: VS Code does not pass documents over 50 MB to ' +
        'extensions, so tcpdump Lens cannot annotate it in the editor. It can analyse the ' +
        'capture from disk instead: findings in the Problems panel, connections in the ' +
        'Connections view, and the sequence diagram of a connection.',
    );
  });

  test('the summary counts lines, packets, connections, findings, unrecognised lines and time', () => {
    const result: FileAnalysis = {
      uri: 'file:///logs/big.tcpdump',
      bytes: 62_914_613,
      lines: 584_990,
      packets: 584_990,
      tcpPackets: 584_000,
      findings: 6645,
      unrecognisedLines: 1,
      // Only the first page is listed: the summary counts them all.
      connectionCount: 26_041,
      connections: [],
      seconds: 9.64,
      error: null,
    };
    assert.equal(
      summaryMessage('big.tcpdump', result),
      'big.tcpdump analysed from disk in 9.6 s: 584,990 lines, 584,990 packets (584,000 TCP), ' +
        '26,041 connections, 6,645 findings, 1 unrecognised line.',
    );
    assert.match(
      summaryMessage('big.tcpdump', { ...result, error: 'internal analysis error: boom' }),
      / The analysis stopped early: internal analysis error: boom\.$/,
    );
  });

  test('a connection is picked by its number, typed with or without "#", if the file has it', () => {
    assert.equal(numberTyped('42', 420_000), 42);
    assert.equal(numberTyped(' #420000 ', 420_000), 420_000);
    assert.equal(numberTyped('420001', 420_000), undefined, 'past the last one');
    assert.equal(numberTyped('0', 420_000), undefined, 'numbered from 1');
    assert.equal(numberTyped('#', 420_000), undefined);
    assert.equal(numberTyped('4 2', 420_000), undefined);
    assert.equal(
      numberTyped('10.0.0.1', 420_000),
      undefined,
      'an address is a filter, not a number',
    );
    assert.equal(numberTyped('1234567890', 420_000), undefined);
  });
});
