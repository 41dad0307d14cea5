import * as assert from 'node:assert/strict';
import { readTimestamp, timestampText } from '../../server/src/analysis/parse/timestamp';

suite('timestamp: every format tcpdump prints', () => {
  test('default clock time (microseconds)', () => {
    const line = '08:30:30.518185 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S]';
    const ts = readTimestamp(line, 0)!;
    assert.equal(ts.format, 'time');
    assert.equal(timestampText({ timestamp: ts }, line), '08:30:30.518185');
    assert.ok(Math.abs(ts.seconds! - (8 * 3600 + 30 * 60 + 30.518185)) < 1e-9);
  });
  test('--nano clock time', () => {
    const ts = readTimestamp('17:16:09.924505488 IP', 0)!;
    assert.equal(ts.format, 'time');
    assert.equal(ts.end, 18);
  });
  test('-tttt date and time', () => {
    const ts = readTimestamp('2013-02-26 22:03:19.190965 IP 1', 0)!;
    assert.equal(ts.format, 'date-time');
    assert.equal(ts.seconds, Date.UTC(2013, 1, 26, 22, 3, 19) / 1000 + 0.190965);
  });
  test('-tt epoch seconds, including more than ten digits', () => {
    assert.equal(readTimestamp('1418145369.924505 IP', 0)!.format, 'epoch');
    assert.equal(readTimestamp('4294967296.000000 IP', 0)!.seconds, 4294967296);
  });
  test('-ttt / -ttttt deltas carry a sign column', () => {
    const ts = readTimestamp(' 00:00:00.127522 IP', 0)!;
    assert.equal(ts.format, 'delta-previous');
    assert.equal(ts.seconds, 0.127522);
    assert.equal(readTimestamp('-00:00:01.000000 IP', 0)!.seconds, -1);
  });
  test('invalid fraction note is part of the timestamp', () => {
    const line = '17:16:10.1000000 (invalid us) IP 1';
    assert.equal(
      timestampText({ timestamp: readTimestamp(line, 0) }, line),
      '17:16:10.1000000 (invalid us)',
    );
  });
  test('the printed text is read from the line after a -# number, and is null without one', () => {
    const line = '    7  08:30:30.518185 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S]';
    const ts = readTimestamp(line, 7)!;
    assert.equal(timestampText({ timestamp: ts }, line), '08:30:30.518185');
    assert.equal(timestampText({ timestamp: null }, line), null);
  });
  test('addresses and words are not timestamps', () => {
    assert.equal(readTimestamp('10.253.0.1.37982 > 10.253.0.2.80:', 0), null);
    assert.equal(readTimestamp('IP 10.0.0.1', 0), null);
    assert.equal(readTimestamp('    192.168.1.11.33779 >', 0), null);
  });
});
