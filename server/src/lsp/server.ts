import type { Connection } from 'vscode-languageserver';
import { TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from './documentCache';
import { inlayHints } from './inlayHints';

/** Registers the language features on a connection. All TCP logic lives in analysis/. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      inlayHintProvider: true,
    },
    serverInfo: { name: 'tcpdump-lens' },
  }));

  connection.languages.inlayHint.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const analysis = cache.get(doc.uri, doc.version, () => doc.getText());
      const lineLength = (line: number) =>
        doc
          .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
          .replace(/\r?\n$/, '').length;
      return inlayHints(analysis, lineLength, params.range.start.line, params.range.end.line);
    } catch (error) {
      connection.console.error(`inlay hints failed for ${doc.uri}: ${String(error)}`);
      return [];
    }
  });

  documents.onDidChangeContent(() =>
    connection.languages.inlayHint.refresh().catch(() => undefined),
  );
  documents.onDidClose((e) => cache.delete(e.document.uri));
  documents.listen(connection);
  connection.listen();
}
