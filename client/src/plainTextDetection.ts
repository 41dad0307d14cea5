import type { ExtensionContext, TextDocument } from 'vscode';
import { languages, window, workspace } from 'vscode';
import { looksLikeTcpdump } from './looksLikeTcpdump';

/** Languages a pasted or downloaded tcpdump log usually opens as. */
const CANDIDATE_LANGUAGES = new Set(['plaintext', 'log']);

/**
 * Switches plain-text, log and untitled documents whose first lines are tcpdump output to the
 * tcpdump language (setting `tcpdumpLens.detectPlainTextLogs`). Only the language mode changes;
 * the document is never modified.
 */
export function registerPlainTextDetection(context: ExtensionContext): void {
  const checked = new Set<string>();
  const consider = (doc: TextDocument) => {
    if (!CANDIDATE_LANGUAGES.has(doc.languageId)) return;
    if (!workspace.getConfiguration('tcpdumpLens').get<boolean>('detectPlainTextLogs', true))
      return;
    const key = doc.uri.toString();
    // Untitled documents are checked again as the user pastes; files once.
    if (!doc.isUntitled && checked.has(key)) return;
    checked.add(key);
    if (looksLikeTcpdump(doc.getText())) void languages.setTextDocumentLanguage(doc, 'tcpdump');
  };
  context.subscriptions.push(
    workspace.onDidOpenTextDocument(consider),
    workspace.onDidChangeTextDocument((e) => {
      if (e.document.isUntitled) consider(e.document);
    }),
    workspace.onDidCloseTextDocument((d) => checked.delete(d.uri.toString())),
  );
  for (const doc of workspace.textDocuments) consider(doc);
  if (window.activeTextEditor) consider(window.activeTextEditor.document);
}
