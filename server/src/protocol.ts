// Custom LSP methods shared by the client and the server. Types and names only: no imports.

/** Counts shown in the status bar for one document. */
export interface DocumentSummary {
  uri: string;
  /** The version of the document the analysis is of. */
  version: number;
  connections: number;
  packets: number;
  tcpPackets: number;
  findings: number;
  unrecognisedLines: number;
}

/** Client → server request: the summary of an open document (null if the server does not know it). */
export const DocumentSummaryRequest = 'tcpdumpLens/documentSummary';
export interface DocumentSummaryParams {
  uri: string;
}

/** Server → client notification, sent after each analysis of a document. */
export const AnalysisUpdatedNotification = 'tcpdumpLens/analysisUpdated';

/** Command the connection CodeLens runs: show every packet of the connection as references. */
export const ShowConnectionPacketsCommand = 'tcpdumpLens.showConnectionPackets';
export interface ShowConnectionPacketsArgs {
  uri: string;
  line: number;
  /** Header lines of the connection's packets. */
  lines: number[];
}

/** Command the second connection lens runs: the sequence diagram, focused on the connection. */
export const ShowSequenceDiagramCommand = 'tcpdumpLens.showSequenceDiagram';
export interface ShowSequenceDiagramArgs {
  uri: string;
  connection: number;
}

/** Client → server request: the sequence-diagram model of a document (null if unknown). */
export const TimelineRequest = 'tcpdumpLens/timeline';
export interface TimelineParams {
  uri: string;
}

export type TimelineState =
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

/** One lane: an endpoint (`host.port`) of one connection. */
export interface TimelineLane {
  /** Index in `lanes`. */
  id: number;
  label: string;
  role: 'client' | 'server';
  connection: number;
}

/** A connection as the Connections view and the diagram describe it. */
export interface ConnectionSummary {
  id: number;
  client: string;
  server: string;
  clientInferred: boolean;
  handshake: string;
  close: string;
  activeCloser: 'client' | 'server' | null;
  finalState: { client: TimelineState; server: TimelineState };
  packets: number;
  /** How many findings the connection has. */
  findings: number;
  firstPacket: number;
  lastPacket: number;
}

export interface TimelineConnection extends ConnectionSummary {
  clientLane: number;
  serverLane: number;
}

/** One arrow: a TCP packet from one lane to the other. */
export interface TimelinePacket {
  packet: number;
  /** 0-based line of the TCP header (where the editor should reveal). */
  line: number;
  /** Seconds since the first packet of the document, or null when the log has no timestamps. */
  time: number | null;
  /** Timestamp as printed, or null. */
  timeText: string | null;
  connection: number;
  from: number;
  to: number;
  /** Text inside `Flags [...]`, or `tcp` for `-q` lines. */
  flags: string;
  /** `seq` as printed (relative by default, absolute for a SYN or with `-S`), e.g. `1:85`. */
  seq: string | null;
  /** `ack` as printed. */
  ack: number | null;
  /**
   * `seq` relative to the sender's initial sequence number, as tcpdump and Wireshark show it
   * (`0` for the SYN, `1:75` for the first data); null when not printed or the ISN is unknown.
   */
  relativeSeq: string | null;
  /** `ack` relative to the peer's initial sequence number; null when not printed or unknown. */
  relativeAck: number | null;
  win: number | null;
  length: number | null;
  step: string | null;
  stateAfter: { client: TimelineState; server: TimelineState };
  /** Finding codes of this packet (e.g. `rst`, `retransmission`, `duplicate_ack`, `zero_window`). */
  findings: string[];
  /** Severity of each finding (same order as `findings`), as the diagnostics use it. */
  findingSeverities: TimelineSeverity[];
  /** 0-based first and last line of the packet (its `-v` second line, dumps, payload). */
  firstLine: number;
  lastLine: number;
}

/** The severity of a finding (the user's `tcpdumpLens.diagnostics.severity` setting). */
export type TimelineSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Timeline {
  uri: string;
  version: number;
  lanes: TimelineLane[];
  connections: TimelineConnection[];
  packets: TimelinePacket[];
}

/**
 * Client → server request: analyse a file by streaming it from disk, for a file the editor does
 * not hand to extensions (VS Code syncs no document over 50 MB). The server publishes the
 * findings as diagnostics of `uri` and keeps what it needs to draw a connection's diagram later.
 * Reports work-done progress when the params carry a `workDoneToken`; cancellable. Fails with a
 * message for a file it cannot read (missing, permission, not a `file:` URI, not a capture).
 */
export const AnalyzeFileRequest = 'tcpdumpLens/analyzeFile';
export interface AnalyzeFileParams {
  /** The document: a `file:` URI of tcpdump text, or the document showing `capture` as text. */
  uri: string;
  /** Set when `uri` shows a capture file rendered as text: the server renders it alike. */
  capture?: CaptureSource;
  workDoneToken?: number | string;
}

/** A capture file (pcap, pcapng) shown as tcpdump text, and how it was rendered. */
export interface CaptureSource {
  /** The capture's `file:` URI. */
  file: string;
  /** The time zone of its timestamps (an IANA name, or UTC). */
  timeZone: string;
  /** The timestamp form: one of the `tcpdumpLens.capture.timestamps` setting's values. */
  timestamps: string;
}

/** A connection of a file analysed from disk. */
export interface FileConnection extends ConnectionSummary {
  /** Finding codes of the connection and its packets. */
  codes: string[];
  /** 0-based line of its first packet. */
  firstLine: number;
}

export interface FileAnalysis {
  uri: string;
  bytes: number;
  lines: number;
  packets: number;
  tcpPackets: number;
  findings: number;
  unrecognisedLines: number;
  /** How many connections the file has. */
  connectionCount: number;
  /**
   * Its first connections, up to FILE_CONNECTIONS_PAGE of them, in order: a flood or a scan has
   * hundreds of thousands, which `tcpdumpLens/fileConnections` gives a page at a time.
   */
  connections: FileConnection[];
  /** Seconds the analysis took. */
  seconds: number;
  /** Set when an internal error cut the analysis short; the counts above still hold. */
  error: string | null;
}

/** Connections of a file analysed from disk given at once, at most. */
export const FILE_CONNECTIONS_PAGE = 1000;

/**
 * Client → server request: connections of a file analysed with `tcpdumpLens/analyzeFile`, in
 * order from the `start`-th (0-based), up to `count` of them (at most FILE_CONNECTIONS_PAGE).
 * Fails with a message when the file has not been analysed.
 */
export const FileConnectionsRequest = 'tcpdumpLens/fileConnections';
export interface FileConnectionsParams {
  uri: string;
  start: number;
  count: number;
}
export interface FileConnectionsPage {
  uri: string;
  start: number;
  /** How many connections the file has. */
  total: number;
  connections: FileConnection[];
}

/**
 * Client → server request: the sequence-diagram model of one connection of a file analysed with
 * `tcpdumpLens/analyzeFile`, its lines read again from disk. Lines and packet numbers are the
 * file's; times count from the connection's first packet. Work-done progress and cancellation as
 * above; fails with a message when the file changed on disk since it was analysed.
 */
export const FileConnectionTimelineRequest = 'tcpdumpLens/fileConnectionTimeline';
export interface FileConnectionTimelineParams {
  uri: string;
  connection: number;
  workDoneToken?: number | string;
}

/** Client → server notification: the file is no longer shown; drop its results and diagnostics. */
export const ForgetFileAnalysisNotification = 'tcpdumpLens/forgetFileAnalysis';
export interface ForgetFileAnalysisParams {
  uri: string;
}
