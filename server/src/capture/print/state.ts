// State that tcpdump keeps from one packet to the next while it prints a capture.

/** tcpdump's `tcp_seq_hash` entry: the bases of one conversation (both directions). */
export interface TcpSeqBase {
  seq: number;
  ack: number;
}

export interface PacketPrintState {
  /**
   * Relative sequence number bases, keyed by the conversation's address/port key (print-tcp.c
   * `struct tha`/`tha6`, with the lower port first). IPv4 and IPv6 keys never collide: they
   * have different lengths.
   */
  tcpSeq: Map<string, TcpSeqBase>;
}

export function newPacketPrintState(): PacketPrintState {
  return { tcpSeq: new Map() };
}
