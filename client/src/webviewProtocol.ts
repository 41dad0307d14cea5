// The messages between the extension host and the sequence-diagram webview, in both directions.
// ZERO imports: the host (client/src) and the webview bundle (client/webview, `import type` only)
// share this file. The diagram model mirrors `Timeline` of server/src/protocol.ts; the host assigns
// one to the other, so the compiler keeps them in step.

export type DiagramState =
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

/** An endpoint of one connection (`host.port` as tcpdump printed it). */
export interface DiagramLane {
  readonly id: number;
  readonly label: string;
  readonly role: 'client' | 'server';
  readonly connection: number;
}

export interface DiagramConnection {
  readonly id: number;
  readonly client: string;
  readonly server: string;
  readonly clientLane: number;
  readonly serverLane: number;
  readonly clientInferred: boolean;
  readonly handshake: string;
  readonly close: string;
  readonly activeCloser: 'client' | 'server' | null;
  readonly finalState: { readonly client: DiagramState; readonly server: DiagramState };
  readonly packets: number;
  readonly findings: number;
  readonly firstPacket: number;
  readonly lastPacket: number;
}

/** How a finding is shown: the severity the diagnostics give it (`off`: not highlighted). */
export type DiagramSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';
export const DIAGRAM_SEVERITIES: readonly DiagramSeverity[] = [
  'error',
  'warning',
  'information',
  'hint',
  'off',
];

/** One arrow: a TCP packet. */
export interface DiagramPacket {
  readonly packet: number;
  /** 0-based line of the TCP header in the document. */
  readonly line: number;
  /** 0-based first and last line of the packet (`-v` second line, hex and ASCII dumps). */
  readonly firstLine: number;
  readonly lastLine: number;
  /** Seconds since the first packet, or null when the log has no timestamps. */
  readonly time: number | null;
  readonly timeText: string | null;
  readonly connection: number;
  readonly from: number;
  readonly to: number;
  readonly flags: string;
  /** `seq` and `ack` as printed (a SYN's seq is absolute, later ones relative unless `-S`). */
  readonly seq: string | null;
  readonly ack: number | null;
  /** The same relative to each side's initial sequence number (null when unknown). */
  readonly relativeSeq: string | null;
  readonly relativeAck: number | null;
  readonly win: number | null;
  readonly length: number | null;
  readonly step: string | null;
  readonly stateAfter: { readonly client: DiagramState; readonly server: DiagramState };
  readonly findings: readonly string[];
  /** Severity of each finding, in the order of `findings`. */
  readonly findingSeverities: readonly DiagramSeverity[];
}

export interface DiagramModel {
  readonly uri: string;
  readonly version: number;
  readonly lanes: readonly DiagramLane[];
  readonly connections: readonly DiagramConnection[];
  readonly packets: readonly DiagramPacket[];
}

/** What the diagram shows. */
export interface DiagramFilter {
  /** Connection ids to show; empty shows every connection. */
  readonly connections: readonly number[];
  /** Only packets with a finding (RST, retransmission, duplicate ACK, zero window …). */
  readonly anomaliesOnly: boolean;
  /** Seconds since the first packet; null leaves that end open. */
  readonly from: number | null;
  readonly to: number | null;
}

export type ExportFormat = 'svg' | 'png' | 'mermaid' | 'plantuml' | 'ascii';
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  'svg',
  'png',
  'mermaid',
  'plantuml',
  'ascii',
];
/** A new untitled document, or a file the user picks. PNG always goes to a file. */
export type ExportTarget = 'untitled' | 'file';

// ---------------------------------------------------------------------------------------------
// Host → webview

/** The document's model (sent after `ready` and after every change of the document). */
export interface ModelMessage {
  readonly type: 'model';
  readonly model: DiagramModel;
  /** File name shown in the toolbar. */
  readonly documentName: string;
}

/** Nothing to show (no tcpdump document, or the server does not know it yet). */
export interface EmptyMessage {
  readonly type: 'empty';
  readonly message: string;
}

/**
 * The editor's cursor moved to this 0-based line of the shown document, which belongs to the
 * packet numbered `packet` (null: a line of no TCP packet).
 */
export interface CursorMessage {
  readonly type: 'cursor';
  readonly line: number;
  readonly packet: number | null;
}

/** Show only these connections (empty: all), from the Connections view, a CodeLens or a pick. */
export interface FocusConnectionsMessage {
  readonly type: 'focusConnections';
  readonly connections: readonly number[];
}

/** The host's export command: export what the diagram shows in this format. */
export interface RequestExportMessage {
  readonly type: 'requestExport';
  readonly format: ExportFormat;
  readonly target: ExportTarget;
}

/** Outcome of an export, shown in the toolbar. */
export interface NoticeMessage {
  readonly type: 'notice';
  readonly level: 'info' | 'error';
  readonly message: string;
}

export type HostToWebview =
  | ModelMessage
  | EmptyMessage
  | CursorMessage
  | FocusConnectionsMessage
  | RequestExportMessage
  | NoticeMessage;

// ---------------------------------------------------------------------------------------------
// Webview → host

/** The webview's script runs and listens: send the model. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Reveal and select this 0-based line of the shown document in the editor. */
export interface RevealLineMessage {
  readonly type: 'revealLine';
  readonly line: number;
  /** Keep the keyboard focus in the diagram. */
  readonly preserveFocus: boolean;
}

/** Ask the host for a connection picker (a multi-select quick pick). */
export interface PickConnectionsMessage {
  readonly type: 'pickConnections';
  readonly selected: readonly number[];
}

/** An exported diagram: text, or base64 for PNG. */
export interface ExportMessage {
  readonly type: 'export';
  readonly format: ExportFormat;
  readonly target: ExportTarget;
  readonly content: string;
  /** File name without folder, e.g. `n-connections-1.mmd`. */
  readonly suggestedName: string;
}

/** The filter changed (the host remembers it for its export command and the serializer). */
export interface FilterChangedMessage {
  readonly type: 'filterChanged';
  readonly filter: DiagramFilter;
}

/** Something went wrong inside the webview (logged by the host). */
export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
}

export type WebviewToHost =
  | ReadyMessage
  | RevealLineMessage
  | PickConnectionsMessage
  | ExportMessage
  | FilterChangedMessage
  | ErrorMessage;

// ---------------------------------------------------------------------------------------------
// Runtime validation of what the webview sends. A webview is a browser page showing text from a
// capture file: treat every message as untrusted input.

/** Largest export accepted (characters; base64 for PNG). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_CONNECTIONS_IN_MESSAGE = 1_000_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isFiniteOrNull(v: unknown): v is number | null {
  return v === null || (typeof v === 'number' && Number.isFinite(v));
}

function isIndexArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.length <= MAX_CONNECTIONS_IN_MESSAGE && v.every(isIndex);
}

function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === 'string' && (EXPORT_FORMATS as readonly string[]).includes(v);
}

function isExportTarget(v: unknown): v is ExportTarget {
  return v === 'untitled' || v === 'file';
}

/** A plain file name: letters, digits, `.`, `_`, `-`, no folder, no leading dot. */
export function isSafeFileName(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9_][A-Za-z0-9._-]{0,119}$/.test(v);
}

/** Checks a filter coming from the webview (or from a restored webview state). */
export function parseDiagramFilter(v: unknown): DiagramFilter | undefined {
  if (!isRecord(v)) return undefined;
  const { connections, anomaliesOnly, from, to } = v;
  if (!isIndexArray(connections) || typeof anomaliesOnly !== 'boolean') return undefined;
  if (!isFiniteOrNull(from) || !isFiniteOrNull(to)) return undefined;
  return { connections: [...connections], anomaliesOnly, from, to };
}

/**
 * Returns the message when it is a well-formed `WebviewToHost`, else undefined. The result is a
 * fresh object holding only the known fields.
 */
export function parseWebviewToHost(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw) || typeof raw['type'] !== 'string') return undefined;
  switch (raw['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'revealLine': {
      const { line, preserveFocus } = raw;
      if (!isIndex(line) || typeof preserveFocus !== 'boolean') return undefined;
      return { type: 'revealLine', line, preserveFocus };
    }
    case 'pickConnections': {
      const { selected } = raw;
      if (!isIndexArray(selected)) return undefined;
      return { type: 'pickConnections', selected: [...selected] };
    }
    case 'export': {
      const { format, target, content, suggestedName } = raw;
      if (!isExportFormat(format) || !isExportTarget(target)) return undefined;
      if (typeof content !== 'string' || content.length > MAX_EXPORT_CHARS) return undefined;
      if (!isSafeFileName(suggestedName)) return undefined;
      if (format === 'png' && (target !== 'file' || !/^[A-Za-z0-9+/]*={0,2}$/.test(content)))
        return undefined;
      return { type: 'export', format, target, content, suggestedName };
    }
    case 'filterChanged': {
      const filter = parseDiagramFilter(raw['filter']);
      return filter ? { type: 'filterChanged', filter } : undefined;
    }
    case 'error': {
      const { message } = raw;
      if (typeof message !== 'string') return undefined;
      return { type: 'error', message: message.slice(0, 2000) };
    }
    default:
      return undefined;
  }
}
