import * as assert from 'node:assert/strict';
import {
  explainFailure,
  liveCaptureArgs,
  parseInterfaceList,
} from '../../client/src/live/tcpdumpProcess';

suite('live capture: running tcpdump safely', () => {
  test('the filter becomes separate arguments, never a shell string', () => {
    assert.deepEqual(liveCaptureArgs('lo', ' tcp  port 80; rm -rf / '), [
      '-l',
      '-nn',
      '-i',
      'lo',
      'tcp',
      'port',
      '80;',
      'rm',
      '-rf',
      '/',
    ]);
    assert.deepEqual(liveCaptureArgs('any', ''), ['-l', '-nn', '-i', 'any']);
  });

  test('tcpdump -D output', () => {
    assert.deepEqual(
      parseInterfaceList(
        '1.eth0 [Up, Running, Connected]\n2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n3.lo [Up, Running, Loopback]\n',
      ),
      [
        { name: 'eth0', description: '[Up, Running, Connected]' },
        {
          name: 'any',
          description: '(Pseudo-device that captures on all interfaces) [Up, Running]',
        },
        { name: 'lo', description: '[Up, Running, Loopback]' },
      ],
    );
  });

  test('failures say what to do', () => {
    assert.match(
      explainFailure('/opt/tcpdump', { code: 'ENOENT', message: 'spawn ENOENT' }, ''),
      /not found at "\/opt\/tcpdump".*apt-get install tcpdump.*tcpdumpLens\.tcpdumpPath/,
    );
    assert.match(
      explainFailure(
        'tcpdump',
        null,
        "tcpdump: eth0: You don't have permission to capture on that device\n",
      ),
      /setcap cap_net_raw,cap_net_admin=eip/,
    );
  });
});
