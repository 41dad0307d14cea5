// Plain, JSON-serialisable data returned by the analysis core.

/** What a line of the document is. Every line gets exactly one kind. */
export type LineKind =
  /** First line of a captured packet (any protocol). */
  | 'packet'
  /** Indented line that carries the packet's own header: the TCP part of `-v`, a tunnel's inner header. */
  | 'packet-continuation'
  /** Application or protocol decode printed under the packet (tab-indented or column 0). */
  | 'decode'
  /** `-x`/`-X` hex dump line. */
  | 'hex-dump'
  /** `-A` payload text, printed at column 0 after a packet. */
  | 'ascii-payload'
  /** tcpdump's own messages: "listening on …", "reading from file …", "N packets captured"… */
  | 'capture-info'
  | 'blank'
  | 'unrecognised';

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'icmp6' | 'arp' | 'ip' | 'ip6' | 'other';

export type TimestampFormat =
  'none' | 'time' | 'date-time' | 'epoch' | 'delta-previous' | 'delta-first';

/** A packet's timestamp; as printed, it is `start`…`end` of the packet's first line (`timestampText`). */
export interface Timestamp {
  format: TimestampFormat;
  /**
   * Seconds: since midnight (`time`), since the epoch (`epoch`, `date-time` taken as UTC),
   * or the printed delta. Null when it could not be read.
   */
  seconds: number | null;
  /** Column range of the timestamp in the line. */
  start: number;
  end: number;
}

/** Direction letters printed by `-i any` (LINUX_SLL/SLL2). */
export type CaptureDirection = 'In' | 'Out' | 'B' | 'M' | 'P';

export interface Endpoint {
  /** Address or host name as printed (`10.0.0.1`, `fe80::1`, `server.example`). Empty when only ports were printed. */
  host: string;
  /** Port as printed: a number or a service name (`http`). */
  port: string;
  /** Port number when it is numeric (or a well-known service name), else null. */
  portNumber: number | null;
}

export interface TcpFlags {
  /** Letters as printed inside `Flags [...]`, `none` for the empty set. */
  text: string;
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  psh: boolean;
  urg: boolean;
  ece: boolean;
  cwr: boolean;
  ae: boolean;
}

export type TcpOption =
  | { kind: 'mss'; value: number; text: string }
  | { kind: 'wscale'; value: number; text: string }
  | { kind: 'sackOK'; text: string }
  | { kind: 'sack'; blocks: Array<[number, number]>; text: string }
  | { kind: 'timestamp'; val: number; ecr: number; text: string }
  | { kind: 'nop'; text: string }
  | { kind: 'eol'; text: string }
  | { kind: 'other'; name: string; text: string };

/** A column range inside one line, for hovers and highlighting. */
export interface Span {
  line: number;
  start: number;
  end: number;
}

export interface TcpSegment {
  /** False for `-q` lines (`tcp N`) and lines cut before the flags: only ports and length are known. */
  hasFlags: boolean;
  flags: TcpFlags;
  /** Sequence numbers as printed (possibly relative). `seqEnd` is the printed `b` of `seq a:b`. */
  seq: number | null;
  seqEnd: number | null;
  ack: number | null;
  win: number | null;
  urg: number | null;
  options: TcpOption[];
  /** TCP payload length, when printed. */
  length: number | null;
  /** `cksum 0x… (correct|incorrect -> …)` under -v. */
  checksum: string | null;
  /** Text after `length N` (application decode, RST payload…), trimmed. */
  trailer: string | null;
  /** `[|tcp]` or `[bad opt]`: the header was cut short. */
  truncated: boolean;
  /**
   * Where `SRC > DST` was printed on the header's line: the first column of SRC and the column
   * after DST (-1 in a streamed analysis, which keeps no lines). The other fields' columns are
   * read again from the line when asked for (`headerSpans`).
   */
  pairStart: number;
  pairEnd: number;
}

/** The fields of a TCP header that hovers and navigation point at. */
export type TcpField = 'src' | 'dst' | 'flags' | 'seq' | 'ack' | 'win' | 'options' | 'length';

export interface PacketRecord {
  /** 1-based ordinal of the packet in the document. */
  packet: number;
  /** 0-based first line of the packet. */
  line: number;
  /** 0-based last line that belongs to the packet (continuations, dumps). */
  endLine: number;
  /** Line that holds the TCP header (differs from `line` in the `-v` two-line form and tunnels). */
  headerLine: number;
  protocol: Protocol;
  /** `-#` packet number as printed, if any. */
  frameNumber: number | null;
  timestamp: Timestamp | null;
  interfaceName: string | null;
  captureDirection: CaptureDirection | null;
  /** IP version of the (inner) flow, when known. */
  ipVersion: 4 | 6 | null;
  src: Endpoint | null;
  dst: Endpoint | null;
  /** Outer flow when the TCP flow is carried in a tunnel (Geneve, VXLAN, GRE…). */
  tunnel: string | null;
  tcp: TcpSegment | null;
  /**
   * Short protocol summary for non-TCP packets (`UDP, length 56`, `ARP, Request who-has …`);
   * empty for TCP packets, whose header fields say it all.
   */
  summary: string;
}

export interface LineRecord {
  line: number;
  kind: LineKind;
  /** Packet ordinal the line belongs to, for packet lines and their continuations. */
  packet: number | null;
  /** Why the line was not understood (only for `unrecognised`). */
  reason: string | null;
}

export type TcpState =
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RCVD'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT'
  | 'CLOSED'
  | 'UNKNOWN';

export type Role = 'client' | 'server';
export type FlowDirection = 'client->server' | 'server->client';

export type Step =
  | 'handshake 1/3'
  | 'handshake 2/3'
  | 'handshake 3/3'
  | 'handshake rejected (RST)'
  | 'handshake 1/4 (simultaneous: SYN)'
  | 'handshake 2/4 (simultaneous: SYN)'
  | 'handshake 3/4 (simultaneous: SYN-ACK)'
  | 'handshake 4/4 (simultaneous: SYN-ACK)'
  | 'close 1/3'
  | 'close 2/3'
  | 'close 3/3'
  | 'close 1/4'
  | 'close 2/4'
  | 'close 3/4'
  | 'close 4/4'
  | 'close 1/4 (simultaneous: FIN)'
  | 'close 2/4 (simultaneous: FIN)'
  | 'close 3/4 (simultaneous: ACK of peer FIN)'
  | 'close 4/4 (simultaneous: ACK of peer FIN)'
  | 'abort (RST)';

/** Anomaly codes; Wireshark's names where Wireshark has one. */
export type FindingCode =
  | 'rst'
  | 'refused'
  | 'syn_retransmission'
  | 'retransmission'
  | 'fast_retransmission'
  | 'spurious_retransmission'
  | 'out_of_order'
  | 'lost_segment'
  | 'ack_lost_segment'
  | 'zero_window_probe'
  | 'zero_window_probe_ack'
  | 'window_full'
  | 'window_update'
  | 'duplicate_ack'
  | 'zero_window'
  | 'keep_alive'
  | 'keep_alive_ack'
  | 'reused_ports'
  | 'midstream'
  /** Connection-level: SYNs that never got any answer. */
  | 'syn_unanswered'
  /** Connection-level: the SYN+ACK was never acknowledged. */
  | 'half_open_handshake'
  /** Connection-level: an endpoint was left in this state when the capture ended. */
  | 'close_wait_at_end'
  | 'fin_wait_2_at_end'
  | 'last_ack_at_end'
  /** State-aware findings beyond Wireshark's. */
  | 'syn_in_established'
  | 'ack_wrong_direction'
  | 'data_after_fin'
  | 'data_after_rst'
  | 'rst_unexpected_seq'
  | 'fin_unexpected_seq'
  | 'keep_alive_unanswered'
  | 'half_close_data'
  /** Across connections: many half-open handshakes to one listener, SYNs to many ports, TIME_WAIT build-up. */
  | 'syn_flood'
  | 'port_scan'
  | 'time_wait_pileup'
  /** A line the parser did not understand (reported by the editor, not by the tracker). */
  | 'unrecognised_line';

/** One finding, anchored to the packet it is about, with the other packets involved. */
export interface Finding {
  code: FindingCode;
  packet: number;
  connection: number;
  /** Other packets involved: the original of a retransmission, the SYN a RST refuses… */
  related: number[];
  /** Numbers that make the explanation concrete. */
  detail?: FindingDetail;
}

export type FindingDetail =
  /** Who sent the RST and the state it was in. */
  | { kind: 'abort'; by: Role; state: TcpState }
  /** SYN tries and the seconds between them. */
  | { kind: 'retries'; tries: number; gaps: number[] }
  /** How many connections (from how many distinct hosts or to how many ports) within the window. */
  | { kind: 'crowd'; count: number; distinct: number; seconds: number }
  /** Probes sent without an answer. */
  | { kind: 'probes'; count: number }
  /** Expected and actual sequence numbers (working numbers). */
  | { kind: 'sequence'; expected: number; actual: number };

export interface EndpointStates {
  client: TcpState;
  server: TcpState;
}

export interface TcpAnnotation {
  packet: number;
  connection: number;
  /** Seconds since the first timestamped packet of the document, null without timestamps. */
  time: number | null;
  direction: FlowDirection;
  step: Step | null;
  stateBefore: EndpointStates;
  stateAfter: EndpointStates;
  findings: FindingCode[];
  /** Absolute sequence/ack numbers recovered from relative ones, when the base is known. */
  absoluteSeq: number | null;
  absoluteAck: number | null;
  /** Printed numbers were relative (tcpdump's default) rather than absolute (`-S`). */
  relativeNumbers: boolean;
  /**
   * Sequence space of this segment in the connection's working numbers (absolute when known,
   * else tcpdump's relative ones, consistent per direction): first byte, and next byte after
   * it (SYN and FIN count one). Null when unknown.
   */
  seqStart: number | null;
  seqEnd: number | null;
  /** Acknowledgement number in the same working space as the peer's `seqEnd`. */
  ackNumber: number | null;
  /** The peer's packet whose data (or SYN/FIN) this ACK acknowledges first, if seen. */
  acknowledges: number | null;
  /** Wireshark's per-packet analysis values; null when the segment could not be analysed. */
  metrics: PacketMetrics | null;
}

export interface PacketMetrics {
  /** Time from the acknowledged segment to this ACK (Wireshark's ack_rtt), in seconds. */
  ackRtt: number | null;
  ackedPacket: number | null;
  /** For a retransmission: time since the eldest unacknowledged segment (rto), and that packet. */
  rto: number | null;
  rtoPacket: number | null;
  /** Unacknowledged payload bytes in this direction after this segment. */
  bytesInFlight: number | null;
  /** Duplicate ACK number (#1, #2…) and the ACK it repeats. */
  dupAckNumber: number | null;
  dupAckOf: number | null;
  /** Why the analysis rules did or did not apply (for "why / why not" explanations). */
  notes: RuleNote[];
}

export interface RuleNote {
  rule: FindingCode;
  matched: boolean;
  /** below_next: seq below the next expected one; few_duplicate_acks; not_what_was_asked (seq ≠ the duplicate ACKs' number); too_late (seconds vs the limit); window_changed. */
  reason:
    'below_next' | 'few_duplicate_acks' | 'not_what_was_asked' | 'too_late' | 'window_changed';
  have: number;
  need: number;
}

export type HandshakeOutcome =
  'complete' | 'refused' | 'half-open' | 'no answer' | 'simultaneous open' | 'midstream';

export type CloseKind =
  '3-way' | '4-way' | 'half-close' | 'simultaneous' | 'abort' | 'incomplete' | 'none';

/** How the client (active opener) was identified. */
export type ClientEvidence = 'syn' | 'syn-ack' | 'port' | 'first-packet';

export interface Connection {
  id: number;
  /** `host.port` as printed. */
  client: string;
  server: string;
  clientEndpoint: Endpoint;
  serverEndpoint: Endpoint;
  /** The client role was inferred from weaker evidence than a captured SYN. */
  clientInferred: boolean;
  clientEvidence: ClientEvidence;
  firstPacket: number;
  lastPacket: number;
  packets: number;
  handshake: HandshakeOutcome;
  close: CloseKind;
  activeCloser: Role | null;
  finalState: EndpointStates;
  /** Payload bytes sent by each side. */
  bytes: { client: number; server: number };
  findings: FindingCode[];
  verdict: ConnectionVerdict;
}

/**
 * What an analysis streamed from a file keeps of each connection: what its connection table and
 * views show. The rest (payload bytes, statistics, endpoints) would take kilobytes per connection,
 * and a flood or scan of a million connections would not fit in memory.
 */
export type ConnectionOverview = Pick<
  Connection,
  | 'id'
  | 'client'
  | 'server'
  | 'clientInferred'
  | 'clientEvidence'
  | 'firstPacket'
  | 'lastPacket'
  | 'packets'
  | 'handshake'
  | 'close'
  | 'activeCloser'
  | 'finalState'
  | 'findings'
> & { verdict: Pick<ConnectionVerdict, 'zeek'> };

/** Wireshark's tcp.completeness: OR of SYN 1, SYN-ACK 2, ACK 4, data 8, FIN 16, RST 32. */
export interface Completeness {
  value: number;
  /** Wireshark's label, e.g. `Complete, WITH_DATA`. */
  label: string;
  /** The bits as `RFDASS` letters, `·` where absent (15 → `··DASS`). */
  flags: string;
}

export interface ZeekVerdict {
  /** Zeek conn.log conn_state: S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH. */
  connState: string;
  /** Zeek conn.log history, originator letters upper case. */
  history: string;
}

/** What one endpoint sent, counted as tcptrace counts. */
export interface DirectionStats {
  packets: number;
  ackPackets: number;
  pureAcks: number;
  dataPackets: number;
  /** Payload bytes, retransmissions included. */
  dataBytes: number;
  /** Payload bytes of new sequence space. */
  uniqueBytes: number;
  retransmittedPackets: number;
  retransmittedBytes: number;
  syns: number;
  fins: number;
  zeroWindowAdvertisements: number;
  duplicateAcks: number;
  maxSegment: number | null;
  minSegment: number | null;
  /** Round-trip times of this endpoint's data (data sent → its ACK), in seconds. */
  rtt: { samples: number; min: number | null; max: number | null; avg: number | null };
  /** Unique bytes per second over the connection's duration. */
  throughput: number | null;
}

export interface ConnectionStats {
  /** Seconds from the first to the last packet, null without timestamps. */
  duration: number | null;
  client: DirectionStats;
  server: DirectionStats;
}

export interface ConnectionVerdict {
  completeness: Completeness;
  zeek: ZeekVerdict;
  stats: ConnectionStats;
  /** Handshake round-trip time (SYN to the ACK completing it), seconds. */
  initialRtt: number | null;
}

export interface Analysis {
  lines: LineRecord[];
  packets: PacketRecord[];
  /** One entry per TCP packet, keyed by packet ordinal. */
  tcp: TcpAnnotation[];
  /** Every finding of packets and connections, in packet order. */
  findings: Finding[];
  connections: Connection[];
  /** Sequence numbering the document appears to use. */
  sequenceNumbering: 'relative' | 'absolute';
}
