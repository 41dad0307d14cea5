import type { Connection, InitializeParams } from 'vscode-languageserver';
import { TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import type { Messages } from '../explain';
import { messagesFor, resolveLocale } from '../explain';
import type { DocumentSummary, DocumentSummaryParams, Timeline, TimelineParams } from '../protocol';
import { AnalysisUpdatedNotification, DocumentSummaryRequest, TimelineRequest } from '../protocol';
import { buildTimeline } from '../report/timeline';
import type { CachedAnalysis } from './documentCache';
import { DocumentCache } from './documentCache';
import { LineDocument } from './lineDocument';
import { registerDiskAnalysis } from './diskAnalysis';
import { codeLenses } from './features/codeLens';
import { diagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { definition, documentHighlights, references } from './features/navigation';
import { TOKEN_LEGEND, semanticTokens } from './features/semanticTokens';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import type { Settings } from './settings';
import { DEFAULT_SETTINGS, readSettings, severityOf } from './settings';

/** Documents larger than this report progress while they are analysed. */
const PROGRESS_THRESHOLD_BYTES = 2_000_000;
/** Edits that make the analysis start over, closer together than this, are analysed once. */
const DIAGNOSTICS_DELAY_MS = 150;

/** Registers the language features on a connection. All TCP logic lives in analysis/. */
export function startServer(connection: Connection): void {
  const cache = new DocumentCache();
  // Documents are kept as lines: an edit touches only its lines, and the next analysis re-reads
  // only those.
  const documents = new TextDocuments<LineDocument>({
    create: (uri, languageId, version, content) =>
      new LineDocument(uri, languageId, version, content),
    update: (document, changes, version) => {
      document.update(changes, version);
      return document;
    },
  });
  let settings: Settings = DEFAULT_SETTINGS;
  let displayLanguage: string | null = null;
  let canPullConfiguration = false;
  /** Refresh requests the client said it supports; sending others gets an error back. */
  const refresh = { inlayHints: false, semanticTokens: false, codeLens: false };
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const messages = (): Messages => messagesFor(resolveLocale(settings.language, displayLanguage));

  /** Runs a handler; a failure is logged and answered with `fallback`, the server keeps serving. */
  function runSafe<T>(name: string, fallback: T, work: () => T): T {
    try {
      return work();
    } catch (error) {
      connection.console.error(
        `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return fallback;
    }
  }

  function analysisOf(uri: string): CachedAnalysis | null {
    const doc = documents.get(uri);
    if (!doc) return null;
    return cache.get(doc);
  }

  function summaryOf(entry: CachedAnalysis): DocumentSummary {
    const a = entry.analysis;
    return {
      uri: entry.uri,
      connections: a.connections.length,
      packets: a.packets.length,
      tcpPackets: a.tcp.length,
      findings: a.findings.length,
      unrecognisedLines: entry.unrecognisedLines.length,
    };
  }

  async function analyseAndPublish(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    // Progress for a large document read from scratch; an edit applied in place is quick.
    const slow = doc.length > PROGRESS_THRESHOLD_BYTES && !cache.canUpdateInPlace(doc);
    const progress = slow ? await connection.window.createWorkDoneProgress() : null;
    progress?.begin('tcpdump Lens', undefined, `Analysing ${uri.split('/').pop() ?? uri}`);
    try {
      const entry = runSafe('analysis', null, () => analysisOf(uri));
      if (!entry) return;
      const diags = runSafe('diagnostics', [], () => diagnostics(entry, messages(), settings));
      const summary = summaryOf(entry);
      await connection.sendDiagnostics({ uri, version: entry.version, diagnostics: diags });
      await connection.sendNotification(AnalysisUpdatedNotification, summary);
    } finally {
      progress?.done();
    }
  }

  /** Analyses and publishes after `delay` ms, once for edits that come closer together. */
  function schedule(uri: string, delay = DIAGNOSTICS_DELAY_MS): void {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        analyseAndPublish(uri).catch((e: unknown) =>
          connection.console.error(`publish failed: ${String(e)}`),
        );
      }, delay),
    );
  }

  async function refreshSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      settings = readSettings(await connection.workspace.getConfiguration('tcpdumpLens'));
    } catch (error) {
      connection.console.warn(`could not read settings: ${String(error)}`);
    }
  }

  const logFailure = (what: string) => (error: unknown) =>
    connection.console.warn(`${what} failed: ${String(error)}`);

  function refreshInlayHints(): void {
    if (refresh.inlayHints)
      connection.languages.inlayHint.refresh().catch(logFailure('inlay hint refresh'));
  }

  const disk = registerDiskAnalysis(connection, {
    settings: () => settings,
    messages,
    isOpen: (uri) => documents.get(uri) !== undefined,
  });

  function refreshEverything(): void {
    for (const doc of documents.all()) schedule(doc.uri);
    disk.republish();
    refreshInlayHints();
    if (refresh.semanticTokens) {
      connection
        .sendRequest('workspace/semanticTokens/refresh')
        .catch(logFailure('semantic token refresh'));
    }
    if (refresh.codeLens)
      connection.sendRequest('workspace/codeLens/refresh').catch(logFailure('code lens refresh'));
  }

  connection.onInitialize((params: InitializeParams) => {
    displayLanguage = params.locale ?? null;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) settings = readSettings(init.settings);
    const workspace = params.capabilities.workspace;
    canPullConfiguration = workspace?.configuration === true;
    refresh.inlayHints = workspace?.inlayHint?.refreshSupport === true;
    refresh.semanticTokens = workspace?.semanticTokens?.refreshSupport === true;
    refresh.codeLens = workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        semanticTokensProvider: { legend: TOKEN_LEGEND, full: true },
      },
      serverInfo: { name: 'tcpdump-lens' },
    };
  });

  connection.onInitialized(() => {
    refreshSettings()
      .then(refreshEverything)
      .catch(() => undefined);
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { tcpdumpLens?: unknown } | null)?.tcpdumpLens;
    if (pushed !== undefined && !canPullConfiguration) settings = readSettings(pushed);
    refreshSettings()
      .then(refreshEverything)
      .catch(() => undefined);
  });

  connection.onHover((p) =>
    runSafe('hover', null, () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc ? hover(doc, messages(), p.position.line, p.position.character) : null;
    }),
  );
  connection.languages.inlayHint.on((p) =>
    runSafe('inlay hints', [], () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc
        ? inlayHints(doc, settings, p.range.start.line, p.range.end.line, messages().role)
        : [];
    }),
  );
  connection.onCodeLens((p) =>
    runSafe('code lens', [], () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc ? codeLenses(doc, messages(), settings) : [];
    }),
  );
  connection.onDocumentSymbol((p) =>
    runSafe('document symbols', [], () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc ? documentSymbols(doc, messages()) : [];
    }),
  );
  connection.onWorkspaceSymbol((p) =>
    runSafe('workspace symbols', [], () => {
      for (const d of documents.all()) analysisOf(d.uri);
      return workspaceSymbols(cache.all(), messages(), p.query);
    }),
  );
  connection.onDefinition((p) =>
    runSafe('definition', null, () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc ? definition(doc, p.position.line, p.position.character) : null;
    }),
  );
  connection.onReferences((p) =>
    runSafe('references', [], () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc ? references(doc, p.position.line, p.position.character) : [];
    }),
  );
  connection.onDocumentHighlight((p) =>
    runSafe('document highlights', [], () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc ? documentHighlights(doc, p.position.line) : [];
    }),
  );
  connection.languages.semanticTokens.on((p) =>
    runSafe('semantic tokens', { data: [] }, () => {
      const doc = analysisOf(p.textDocument.uri);
      return doc ? semanticTokens(doc, settings) : { data: [] };
    }),
  );
  connection.onRequest(DocumentSummaryRequest, (p: DocumentSummaryParams) =>
    runSafe('document summary', null, () => {
      const doc = analysisOf(p.uri);
      return doc ? summaryOf(doc) : null;
    }),
  );

  connection.onRequest(TimelineRequest, (p: TimelineParams) =>
    runSafe<Timeline | null>('timeline', null, () => {
      const doc = analysisOf(p.uri);
      return doc
        ? buildTimeline(doc.analysis, doc.uri, doc.version, (code) => severityOf(settings, code))
        : null;
    }),
  );

  // Opens do not come in bursts as keystrokes do: no pause.
  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    // An edit the cache can apply in place costs little: answer at once rather than after the pause.
    schedule(e.document.uri, cache.canUpdateInPlace(e.document) ? 0 : DIAGNOSTICS_DELAY_MS);
    refreshInlayHints();
  });
  documents.onDidClose((e) => {
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    cache.delete(e.document.uri);
    connection
      .sendDiagnostics({ uri: e.document.uri, diagnostics: [] })
      .catch(logFailure('clearing diagnostics'));
  });
  documents.listen(connection);
  connection.listen();
}
