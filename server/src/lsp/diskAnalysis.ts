// "Analyze from disk": files the editor never hands over (VS Code syncs no document over 50 MB),
// tcpdump text or captures shown as text, are streamed from disk through the analysis core;
// their findings become diagnostics of the document's URI, and a connection's diagram is drawn
// from its lines read again.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CancellationToken,
  Connection,
  Range,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Finding, LineRecord } from '../analysis';
import type { Messages } from '../explain';
import type {
  AnalyzeFileParams,
  FileAnalysis,
  FileConnectionTimelineParams,
  FileConnectionsPage,
  FileConnectionsParams,
  ForgetFileAnalysisParams,
  Timeline,
} from '../protocol';
import {
  AnalyzeFileRequest,
  FILE_CONNECTIONS_PAGE,
  FileConnectionTimelineRequest,
  FileConnectionsRequest,
  ForgetFileAnalysisNotification,
} from '../protocol';
import type { FileLayout } from './disk/connectionLines';
import { readConnectionLines } from './disk/connectionLines';
import { connectionTimeline } from './disk/connectionTimeline';
import type { FileProgress, FileStamp } from './disk/fileAnalysis';
import { analyseFile, stampOf } from './disk/fileAnalysis';
import { FileConnections, pageStart } from './disk/fileConnections';
import type { LineSource } from './disk/readLines';
import { NotACapture, ReadCancelled } from './disk/readLines';
import { isTimestampStyle } from '../capture';
import { findingDiagnostics } from './features/diagnostics';
import type { Settings } from './settings';
import { severityOf } from './settings';

/** Files whose results are kept (for their diagrams and settings changes); the oldest goes first. */
const MAX_FILES = 8;
/** A connection with more packets than this is not drawn from disk: its lines would not fit. */
export const MAX_DIAGRAM_PACKETS = 100_000;
/** Share of the progress bar for reading; the rest is tracking the connections. */
const READ_SHARE = 0.7;
/** LSP's largest character: "past the end of the line", which clients read as its end. */
const LINE_END = 2 ** 31 - 1;

/** What is kept of a file analysed from disk. */
interface DiskFile {
  uri: string;
  stamp: FileStamp;
  /** Where a connection's lines are read: the file, or the copy of the text a capture became. */
  layout: FileLayout;
  /** Removes the copy of a capture's text, once the file's results go. */
  release(): void;
  connections: FileConnections;
  findings: Finding[];
  unrecognised: LineRecord[];
}

export interface DiskAnalysisHost {
  settings(): Settings;
  messages(): Messages;
  /** The editor synced this document: the server's own analysis of it wins. */
  isOpen(uri: string): boolean;
}

const failure = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

function pathOf(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw failure(`${uri} is not a URI.`);
  }
  if (url.protocol !== 'file:')
    throw failure(`Only files on disk can be analysed from disk, not ${url.protocol} URIs.`);
  return fileURLToPath(url);
}

/** The file to read for a request: the document's own, or the capture it shows as text. */
function sourceOf(params: AnalyzeFileParams): LineSource {
  const capture = params.capture;
  if (!capture) return { path: pathOf(params.uri), capture: null };
  if (!isTimestampStyle(capture.timestamps))
    throw failure(`${capture.timestamps} is not a timestamp form of capture files.`);
  return {
    path: pathOf(capture.file),
    capture: { timeZone: capture.timeZone, timestamps: capture.timestamps },
  };
}

/** A clear answer for what went wrong reading `file`. */
function readFailure(error: unknown, file: string): ResponseError<void> {
  if (error instanceof ResponseError) return error as ResponseError<void>;
  if (error instanceof ReadCancelled)
    return new ResponseError(LSPErrorCodes.RequestCancelled, `Reading ${file} was cancelled.`);
  if (error instanceof NotACapture) return failure(`Cannot read ${file}: ${error.message}.`);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'the file does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : error instanceof Error
            ? error.message
            : String(error);
  return failure(`Cannot read ${file}: ${reason}.`);
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Reports progress only when the whole percentage changes (a 60 MB file has ~240 chunks). */
function percentReporter(progress: WorkDoneProgressReporter) {
  let last = -1;
  return (fraction: number, message: string) => {
    const percent = Math.min(100, Math.floor(fraction * 100));
    if (percent === last) return;
    last = percent;
    progress.report(percent, message);
  };
}

/**
 * Registers `tcpdumpLens/analyzeFile`, `tcpdumpLens/fileConnections`,
 * `tcpdumpLens/fileConnectionTimeline` and `tcpdumpLens/forgetFileAnalysis`. `republish` sends
 * the diagnostics again (after a settings change).
 */
export function registerDiskAnalysis(
  connection: Connection,
  host: DiskAnalysisHost,
): { republish(): void } {
  const files = new Map<string, DiskFile>();

  function publish(file: DiskFile): void {
    if (host.isOpen(file.uri)) return;
    const packetLines = file.layout.packetLines;
    const diagnostics = findingDiagnostics(
      {
        uri: file.uri,
        findings: file.findings,
        lines: file.unrecognised,
        packetLine: (packet) =>
          packet >= 1 && packet < packetLines.length ? packetLines[packet]! : null,
        lineRange: (line): Range => ({
          start: { line, character: 0 },
          end: { line, character: LINE_END },
        }),
      },
      host.messages(),
      host.settings(),
    );
    connection
      .sendDiagnostics({ uri: file.uri, diagnostics })
      .catch((e: unknown) =>
        connection.console.warn(`publishing diagnostics failed: ${String(e)}`),
      );
  }

  function forget(uri: string): boolean {
    const file = files.get(uri);
    if (!file) return false;
    file.release();
    return files.delete(uri);
  }

  function remember(file: DiskFile): void {
    forget(file.uri);
    files.set(file.uri, file);
    for (const uri of files.keys()) {
      if (files.size <= MAX_FILES) break;
      forget(uri);
    }
  }

  async function analyse(
    params: AnalyzeFileParams,
    token: CancellationToken,
  ): Promise<FileAnalysis> {
    const source = sourceOf(params);
    const file = source.path;
    const name = path.basename(file);
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin('tcpdump Lens', 0, `Reading ${name}`, true);
    const report = percentReporter(progress);
    const onProgress = (p: FileProgress) => {
      if (p.stage === 'read')
        report(
          READ_SHARE * (p.bytes / Math.max(1, p.size)),
          `${megabytes(p.bytes)} of ${megabytes(p.size)} read`,
        );
      else
        report(
          READ_SHARE + (1 - READ_SHARE) * (p.packets / Math.max(1, p.total)),
          `Tracking connections: ${p.packets.toLocaleString('en')} of ${p.total.toLocaleString('en')} packets`,
        );
    };
    try {
      const { stamp, analysis, readBack, release, seconds } = await analyseFile(
        source,
        token,
        onProgress,
      );
      const packetLines = Uint32Array.from(analysis.packetLines, (line) => Math.max(0, line));
      const diskFile: DiskFile = {
        uri: params.uri,
        stamp,
        layout: { ...readBack, packetLines },
        release,
        connections: new FileConnections(analysis.connections, analysis.findings, packetLines),
        findings: analysis.findings,
        unrecognised: analysis.unrecognised,
      };
      remember(diskFile);
      publish(diskFile);
      report(1, `${analysis.connections.length.toLocaleString('en')} connections`);
      if (analysis.error) connection.console.error(`analysis of ${file}: ${analysis.error}`);
      return {
        uri: params.uri,
        bytes: stamp.size,
        lines: analysis.lineCount,
        packets: analysis.packetCount,
        tcpPackets: analysis.tcpPacketCount,
        findings: analysis.findings.length,
        unrecognisedLines: analysis.unrecognisedCount,
        connectionCount: diskFile.connections.count,
        connections: diskFile.connections.page(0, FILE_CONNECTIONS_PAGE),
        seconds,
        error: analysis.error,
      };
    } catch (error) {
      throw readFailure(error, file);
    } finally {
      progress.done();
    }
  }

  function analysed(uri: string): DiskFile {
    const file = files.get(uri);
    if (!file) throw failure(`${uri} has not been analysed from disk: analyse it first.`);
    return file;
  }

  function connectionsPage(params: FileConnectionsParams): FileConnectionsPage {
    const connections = analysed(params.uri).connections;
    return {
      uri: params.uri,
      start: pageStart(params.start),
      total: connections.count,
      connections: connections.page(params.start, Math.min(params.count, FILE_CONNECTIONS_PAGE)),
    };
  }

  async function timeline(
    params: FileConnectionTimelineParams,
    token: CancellationToken,
  ): Promise<Timeline> {
    const file = analysed(params.uri);
    const span = file.connections.byId(params.connection);
    const name = path.basename(file.stamp.path);
    if (!span) throw failure(`${name} has no connection ${params.connection}.`);
    if (span.packets > MAX_DIAGRAM_PACKETS)
      throw failure(
        `Connection ${params.connection} has ${span.packets.toLocaleString('en')} packets: ` +
          `a diagram from disk is drawn for up to ${MAX_DIAGRAM_PACKETS.toLocaleString('en')}.`,
      );
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin('tcpdump Lens', 0, `Reading connection ${params.connection} of ${name}`, true);
    const report = percentReporter(progress);
    try {
      const now = await stampOf(file.stamp.path);
      if (now.size !== file.stamp.size || now.mtimeMs !== file.stamp.mtimeMs)
        throw failure(`${name} changed on disk since it was analysed: analyse it again.`);
      const subset = await readConnectionLines(file.layout, span, token, (done, total) =>
        report(done / total, `${megabytes(done)} of ${megabytes(total)} read`),
      );
      const settings = host.settings();
      const model = connectionTimeline(
        subset,
        { uri: file.uri, packetLines: file.layout.packetLines },
        {
          id: params.connection,
          firstPacket: span.firstPacket,
          findings: file.connections.findingsOf(params.connection),
        },
        (code) => severityOf(settings, code),
      );
      if (!model)
        throw failure(`The packets of connection ${params.connection} were not found in ${name}.`);
      return model;
    } catch (error) {
      throw readFailure(error, file.stamp.path);
    } finally {
      progress.done();
    }
  }

  connection.onRequest(AnalyzeFileRequest, analyse);
  connection.onRequest(FileConnectionsRequest, connectionsPage);
  connection.onRequest(FileConnectionTimelineRequest, timeline);
  connection.onNotification(ForgetFileAnalysisNotification, (p: ForgetFileAnalysisParams) => {
    if (!forget(p.uri) || host.isOpen(p.uri)) return;
    connection
      .sendDiagnostics({ uri: p.uri, diagnostics: [] })
      .catch((e: unknown) => connection.console.warn(`clearing diagnostics failed: ${String(e)}`));
  });

  return {
    republish() {
      for (const file of files.values()) publish(file);
    },
  };
}
