import type {
  Diagnostic,
  Connection,
  InitializeParams,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
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
import { diagnostics, sameDiagnostics } from './features/diagnostics';
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

export interface ServerOptions {
  /** How long edits that make the analysis start over wait for more typing, in ms. */
  diagnosticsDelayMs?: number;
}

/** Registers the language features on a connection. All TCP logic lives in analysis/. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const diagnosticsDelayMs = options.diagnosticsDelayMs ?? DIAGNOSTICS_DELAY_MS;
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
  /** The diagnostics last sent for each open document. */
  const published = new Map<string, Diagnostic[]>();

  const messages = (): Messages => messagesFor(resolveLocale(settings.language, displayLanguage));

  function logError(name: string, error: unknown): void {
    connection.console.error(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }

  /** Runs a handler; a failure is logged and answered with `fallback`, the server keeps serving. */
  function runSafe<T>(name: string, fallback: T, work: () => T): T {
    try {
      return work();
    } catch (error) {
      logError(name, error);
      return fallback;
    }
  }

  /** Like `runSafe`, for handlers that wait for an analysis. */
  async function runSafeAsync<T>(name: string, fallback: T, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      logError(name, error);
      return fallback;
    }
  }

  /**
   * The analysis of an open document as it is now (null when it is not open, or its analysis
   * was cancelled). One made from scratch is made in steps, other messages handled in between;
   * if the document changes meanwhile, the analysis of the newer text is waited for.
   */
  async function analysisOf(uri: string): Promise<CachedAnalysis | null> {
    for (;;) {
      const doc = documents.get(uri);
      if (!doc) return null;
      const version = doc.version;
      const entry = cache.current(doc) ?? (await analyseFromScratch(doc));
      if (entry || documents.get(uri)?.version === version) return entry;
    }
  }

  /**
   * An analysis that answers for the lines up to `line`: while an analysis from scratch is still
   * to come, the last one made, if no line up to there changed since (the lines after an edit
   * are the only ones waiting for it).
   */
  async function analysisUpTo(uri: string, line: number): Promise<CachedAnalysis | null> {
    const doc = documents.get(uri);
    if (!doc) return null;
    const ready = cache.current(doc);
    if (ready) return ready;
    const latest = cache.latest(doc);
    const changed = doc.changed;
    if (latest && changed && line < changed.start) return latest;
    return analysisOf(uri);
  }

  function summaryOf(entry: CachedAnalysis): DocumentSummary {
    const a = entry.analysis;
    return {
      uri: entry.uri,
      version: entry.version,
      connections: a.connections.length,
      packets: a.packets.length,
      tcpPackets: a.tcp.length,
      findings: a.findings.length,
      unrecognisedLines: entry.unrecognisedLines.length,
    };
  }

  /**
   * Analyses a document from scratch, with cancellable progress when it is large; joins the
   * analysis already under way for the same text.
   */
  function analyseFromScratch(doc: LineDocument): Promise<CachedAnalysis | null> {
    if (cache.running(doc)) return cache.analyse(doc);
    const name = doc.uri.split('/').pop() ?? doc.uri;
    let progress: WorkDoneProgressServerReporter | null = null;
    let finished = false;
    let shown = -1;
    // The analysis starts now (so others join it); its progress shows once the client made it.
    const result = cache.analyse(doc, (step) => {
      const percent = Math.round((step.stage === 'parse' ? 0 : 50) + (50 * step.done) / step.total);
      if (!progress || percent === shown) return;
      shown = percent;
      progress.report(percent, `${step.stage === 'parse' ? 'reading' : 'tracking'} ${name}`);
    });
    void result.finally(() => {
      finished = true;
      progress?.done();
    });
    if (doc.length > PROGRESS_THRESHOLD_BYTES) {
      connection.window.createWorkDoneProgress().then((created) => {
        if (finished) return;
        progress = created;
        created.begin('tcpdump Lens', 0, `Analysing ${name}`, true);
        created.token.onCancellationRequested(() => cache.cancel(doc.uri));
      }, logFailure('progress'));
    }
    return result;
  }

  async function analyseAndPublish(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const entry = cache.current(doc) ?? (await analyseFromScratch(doc));
    // Null: the document changed again (its own analysis follows) or the user cancelled.
    if (!entry || documents.get(uri) !== doc || doc.version !== entry.version) return;
    const diags = runSafe('diagnostics', [], () => diagnostics(entry, messages(), settings));
    const summary = summaryOf(entry);
    // Diagnostics the editor already has are not sent again: typing on a line without findings
    // in a long capture would otherwise send a thousand of them (hundreds of kilobytes) per key.
    // The editor moves the ones it has with the text; the notification below marks the version.
    if (!sameDiagnostics(published.get(uri), diags)) {
      published.set(uri, diags);
      await connection.sendDiagnostics({ uri, version: entry.version, diagnostics: diags });
    }
    await connection.sendNotification(AnalysisUpdatedNotification, summary);
  }

  /** Analyses and publishes after `delay` ms, once for edits that come closer together. */
  function schedule(uri: string, delay: number): void {
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
    for (const doc of documents.all()) schedule(doc.uri, diagnosticsDelayMs);
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
    runSafeAsync('hover', null, async () => {
      const doc = await analysisUpTo(p.textDocument.uri, p.position.line);
      return doc ? hover(doc, messages(), p.position.line, p.position.character) : null;
    }),
  );
  connection.languages.inlayHint.on((p) =>
    runSafeAsync('inlay hints', [], async () => {
      const doc = await analysisUpTo(p.textDocument.uri, p.range.end.line);
      return doc
        ? inlayHints(doc, settings, p.range.start.line, p.range.end.line, messages().role)
        : [];
    }),
  );
  connection.onCodeLens((p) =>
    runSafeAsync('code lens', [], async () => {
      const doc = await analysisOf(p.textDocument.uri);
      return doc ? codeLenses(doc, messages(), settings) : [];
    }),
  );
  connection.onDocumentSymbol((p) =>
    runSafeAsync('document symbols', [], async () => {
      const doc = await analysisOf(p.textDocument.uri);
      return doc ? documentSymbols(doc, messages()) : [];
    }),
  );
  connection.onWorkspaceSymbol((p) =>
    runSafeAsync('workspace symbols', [], async () => {
      for (const d of documents.all()) await analysisOf(d.uri);
      return workspaceSymbols(cache.all(), messages(), p.query);
    }),
  );
  connection.onDefinition((p) =>
    runSafeAsync('definition', null, async () => {
      const doc = await analysisOf(p.textDocument.uri);
      return doc ? definition(doc, p.position.line, p.position.character) : null;
    }),
  );
  connection.onReferences((p) =>
    runSafeAsync('references', [], async () => {
      const doc = await analysisOf(p.textDocument.uri);
      return doc ? references(doc, p.position.line, p.position.character) : [];
    }),
  );
  connection.onDocumentHighlight((p) =>
    runSafeAsync('document highlights', [], async () => {
      const doc = await analysisOf(p.textDocument.uri);
      return doc ? documentHighlights(doc, p.position.line) : [];
    }),
  );
  connection.languages.semanticTokens.on((p) =>
    runSafeAsync('semantic tokens', { data: [] }, async () => {
      const doc = await analysisOf(p.textDocument.uri);
      return doc ? semanticTokens(doc, settings) : { data: [] };
    }),
  );
  connection.onRequest(DocumentSummaryRequest, (p: DocumentSummaryParams) =>
    runSafeAsync('document summary', null, async () => {
      const doc = await analysisOf(p.uri);
      return doc ? summaryOf(doc) : null;
    }),
  );

  connection.onRequest(TimelineRequest, (p: TimelineParams) =>
    runSafeAsync<Timeline | null>('timeline', null, async () => {
      const doc = await analysisOf(p.uri);
      return doc
        ? buildTimeline(doc.analysis, doc.lines, doc.uri, doc.version, (code) =>
            severityOf(settings, code),
          )
        : null;
    }),
  );

  /**
   * The version each document was opened at: TextDocuments reports an opening as a change too,
   * and opens, unlike keystrokes, do not come in bursts (no pause for them).
   */
  const openedVersions = new Map<string, number>();
  documents.onDidOpen((e) => openedVersions.set(e.document.uri, e.document.version));
  documents.onDidChangeContent((e) => {
    const doc = e.document;
    // An opened document, and an edit the cache can apply in place, are analysed at once; only
    // edits that make the analysis start over wait for more typing.
    const atOnce = openedVersions.get(doc.uri) === doc.version || cache.canUpdateInPlace(doc);
    schedule(doc.uri, atOnce ? 0 : diagnosticsDelayMs);
    refreshInlayHints();
  });
  documents.onDidClose((e) => {
    openedVersions.delete(e.document.uri);
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    cache.delete(e.document.uri);
    published.delete(e.document.uri);
    connection
      .sendDiagnostics({ uri: e.document.uri, diagnostics: [] })
      .catch(logFailure('clearing diagnostics'));
  });
  documents.listen(connection);
  connection.listen();
}
