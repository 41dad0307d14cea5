// Runtime check of what the extension host sends. The webview imports only types from
// webviewProtocol.ts, so the check of this direction lives here; the host checks the other
// direction with `parseWebviewToHost`. Pure: unit-tested in Node.
import type {
  DiagramConnection,
  DiagramLane,
  DiagramModel,
  DiagramPacket,
  DiagramSeverity,
  DiagramState,
  ExportFormat,
  HostToWebview,
} from '../src/webviewProtocol';

const STATES: ReadonlySet<string> = new Set<DiagramState>([
  'LISTEN',
  'SYN_SENT',
  'SYN_RCVD',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSED',
  'UNKNOWN',
]);
const SEVERITIES: ReadonlySet<string> = new Set<DiagramSeverity>([
  'error',
  'warning',
  'information',
  'hint',
  'off',
]);
const FORMATS: ReadonlySet<string> = new Set<ExportFormat>([
  'svg',
  'png',
  'mermaid',
  'plantuml',
  'ascii',
]);

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || typeof v === 'string';
const numOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isStates = (v: unknown) =>
  isRec(v) && STATES.has(v['client'] as string) && STATES.has(v['server'] as string);

function isLane(v: unknown, i: number): v is DiagramLane {
  return (
    isRec(v) &&
    v['id'] === i &&
    isStr(v['label']) &&
    (v['role'] === 'client' || v['role'] === 'server') &&
    isIndex(v['connection'])
  );
}

function isConnection(v: unknown, lanes: number): v is DiagramConnection {
  return (
    isRec(v) &&
    isIndex(v['id']) &&
    isStr(v['client']) &&
    isStr(v['server']) &&
    isIndex(v['clientLane']) &&
    v['clientLane'] < lanes &&
    isIndex(v['serverLane']) &&
    v['serverLane'] < lanes &&
    typeof v['clientInferred'] === 'boolean' &&
    isStr(v['handshake']) &&
    isStr(v['close']) &&
    (v['activeCloser'] === null ||
      v['activeCloser'] === 'client' ||
      v['activeCloser'] === 'server') &&
    isStates(v['finalState']) &&
    isIndex(v['packets']) &&
    isIndex(v['findings']) &&
    isIndex(v['firstPacket']) &&
    isIndex(v['lastPacket'])
  );
}

function isPacket(v: unknown, lanes: number): v is DiagramPacket {
  if (!isRec(v)) return false;
  const findings = v['findings'];
  const severities = v['findingSeverities'];
  return (
    isIndex(v['packet']) &&
    isIndex(v['line']) &&
    isIndex(v['firstLine']) &&
    isIndex(v['lastLine']) &&
    v['firstLine'] <= v['line'] &&
    v['line'] <= v['lastLine'] &&
    numOrNull(v['time']) &&
    strOrNull(v['timeText']) &&
    isIndex(v['connection']) &&
    isIndex(v['from']) &&
    v['from'] < lanes &&
    isIndex(v['to']) &&
    v['to'] < lanes &&
    isStr(v['flags']) &&
    strOrNull(v['seq']) &&
    numOrNull(v['ack']) &&
    strOrNull(v['relativeSeq']) &&
    numOrNull(v['relativeAck']) &&
    numOrNull(v['win']) &&
    numOrNull(v['length']) &&
    strOrNull(v['step']) &&
    isStates(v['stateAfter']) &&
    Array.isArray(findings) &&
    findings.every(isStr) &&
    Array.isArray(severities) &&
    severities.length === findings.length &&
    severities.every((s) => isStr(s) && SEVERITIES.has(s))
  );
}

/** Checks the whole model: every lane, connection and packet (linear in its size). */
export function isDiagramModel(v: unknown): v is DiagramModel {
  if (!isRec(v) || !isStr(v['uri']) || typeof v['version'] !== 'number') return false;
  const { lanes, connections, packets } = v;
  if (!Array.isArray(lanes) || !Array.isArray(connections) || !Array.isArray(packets)) return false;
  for (let i = 0; i < lanes.length; i++) if (!isLane(lanes[i], i)) return false;
  for (const c of connections) if (!isConnection(c, lanes.length)) return false;
  let lastLine = -1;
  let lastPacket = -1;
  for (const p of packets) {
    if (!isPacket(p, lanes.length)) return false;
    // Rows, the line lookup and the packet-number lookup rely on document order.
    if (p.firstLine < lastLine || p.packet <= lastPacket) return false;
    lastLine = p.firstLine;
    lastPacket = p.packet;
  }
  return true;
}

/** Returns the message when it is a well-formed `HostToWebview`, else undefined. */
export function parseHostToWebview(raw: unknown): HostToWebview | undefined {
  if (!isRec(raw)) return undefined;
  switch (raw['type']) {
    case 'model':
      return isDiagramModel(raw['model']) && isStr(raw['documentName'])
        ? { type: 'model', model: raw['model'], documentName: raw['documentName'] }
        : undefined;
    case 'empty':
      return isStr(raw['message']) ? { type: 'empty', message: raw['message'] } : undefined;
    case 'cursor': {
      const { line, packet } = raw;
      return isIndex(line) && (packet === null || isIndex(packet))
        ? { type: 'cursor', line, packet }
        : undefined;
    }
    case 'focusConnections': {
      const c = raw['connections'];
      return Array.isArray(c) && c.every(isIndex)
        ? { type: 'focusConnections', connections: [...c] }
        : undefined;
    }
    case 'requestExport': {
      const { format, target } = raw;
      return isStr(format) && FORMATS.has(format) && (target === 'untitled' || target === 'file')
        ? { type: 'requestExport', format: format as ExportFormat, target }
        : undefined;
    }
    case 'notice': {
      const { level, message } = raw;
      return (level === 'info' || level === 'error') && isStr(message)
        ? { type: 'notice', level, message }
        : undefined;
    }
    default:
      return undefined;
  }
}
