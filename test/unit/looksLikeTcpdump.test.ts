import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeTcpdump } from '../../client/src/looksLikeTcpdump';
import { filesBelow, repoRoot } from '../support/paths';

suite('plain-text detection: is this pasted text tcpdump output?', () => {
  test('every repository fixture is recognised', () => {
    const misses = filesBelow(
      path.join(repoRoot, 'test', 'baseline', 'fixtures'),
      '.tcpdump',
    ).filter((f) => !looksLikeTcpdump(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(
      misses.map((f) => path.relative(repoRoot, f)),
      [],
    );
  });

  test('ordinary logs and prose are not', () => {
    for (const text of [
      '',
      'Nov 21 08:50:01 host CRON[123]: (root) CMD (run-parts /etc/cron.hourly)\nNov 21 08:51:01 host systemd[1]: Started Session 3.',
      '2026-11-21 08:50:01.123456 INFO server started on port 80\n2026-11-21 08:50:02.000001 WARN slow request',
      'The three-way handshake is SYN, SYN+ACK, ACK.',
    ]) {
      assert.equal(looksLikeTcpdump(text), false, text.slice(0, 40));
    }
  });

  test('a single pasted packet line, and a capture banner, are enough', () => {
    assert.ok(
      looksLikeTcpdump(
        '10:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, length 0',
      ),
    );
    assert.ok(
      looksLikeTcpdump(
        'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n',
      ),
    );
  });
});
