// SSH (print-ssh.c, port 22): the identification line, `: SSH: SSH-2.0-OpenSSH_9.2p1`.

import type { Nd } from '../nd';

export function sshPrint(nd: Nd, p: number, len: number): void {
  nd.protocol = 'ssh';
  const prefix = [0x53, 0x53, 0x48, 0x2d];
  for (let i = 0; i < 4; i++) if (nd.u8(p + i) !== prefix[i]) return;
  let idx = 4;
  for (; idx < len; idx++) {
    const c = nd.u8(p + idx);
    if (c === 0x0a) break;
    if (c === 0x0d) {
      if (idx + 1 >= len) return;
      if (nd.u8(p + idx + 1) === 0x0a) break;
      return;
    }
    if (c < 0x20 || c > 0x7e) return;
  }
  if (idx >= len) return;
  let text = '';
  for (let i = 0; i < idx; i++) text += String.fromCharCode(nd.data[p + i]!);
  nd.print(`: SSH: ${text}`);
}
