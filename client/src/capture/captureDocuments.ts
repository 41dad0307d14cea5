import type {
  CancellationToken,
  CustomDocument,
  CustomReadonlyEditorProvider,
  ExtensionContext,
  TextDocumentContentProvider,
  WebviewPanel,
} from 'vscode';
import { ProgressLocation, Uri, commands, window, workspace } from 'vscode';
import type { TimestampStyle } from '../../../server/src/capture';
import { renderCapture } from './captureText';

/** Read-only documents holding the tcpdump text of a capture file. */
export const CAPTURE_SCHEME = 'tcpdump-lens';
export const OpenCaptureCommand = 'tcpdumpLens.openCapture';
const CAPTURE_EDITOR = 'tcpdumpLens.captureFile';

/** `tcpdump-lens:/path/x.pcap.tcpdump?<file uri>`: the `.tcpdump` ending selects the language. */
export function captureTextUri(file: Uri): Uri {
  return Uri.from({ scheme: CAPTURE_SCHEME, path: `${file.path}.tcpdump`, query: file.toString() });
}

const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

class CaptureTextProvider implements TextDocumentContentProvider {
  async provideTextDocumentContent(uri: Uri, token: CancellationToken): Promise<string> {
    const file = Uri.parse(uri.query);
    const name = file.path.split('/').pop() ?? file.path;
    return window.withProgress(
      { location: ProgressLocation.Notification, title: `Reading ${name}`, cancellable: false },
      async (progress) => {
        let bytes: Uint8Array;
        try {
          bytes = await workspace.fs.readFile(file);
        } catch (error) {
          void window.showErrorMessage(`tcpdump Lens: cannot read ${name}: ${String(error)}`);
          return '';
        }
        let reported = 0;
        const timestamps = workspace
          .getConfiguration('tcpdumpLens')
          .get<TimestampStyle>('capture.timestamps', 'time');
        const rendered = await renderCapture(bytes, localTimeZone(), timestamps, (f) => {
          const percent = Math.floor(f * 100);
          if (percent > reported) progress.report({ increment: percent - reported });
          reported = percent;
        });
        if (token.isCancellationRequested) return '';
        if (rendered.error) {
          void window.showWarningMessage(
            `tcpdump Lens: ${name}: ${rendered.error.message} at byte offset ${rendered.error.offset}. ` +
              `Showing the ${rendered.packets} packets before it.`,
          );
        }
        return rendered.text;
      },
    );
  }
}

/** Opening a .pcap/.pcapng shows its annotated text instead of binary. */
class CaptureEditorProvider implements CustomReadonlyEditorProvider {
  openCustomDocument(uri: Uri): CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: CustomDocument, panel: WebviewPanel): Promise<void> {
    panel.webview.options = { enableScripts: false };
    panel.webview.html =
      '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\';"></head>' +
      '<body>Opening the capture as annotated tcpdump text…</body></html>';
    await window.showTextDocument(captureTextUri(document.uri), {
      viewColumn: panel.viewColumn,
      preview: false,
    });
    panel.dispose();
  }
}

export function registerCaptureDocuments(context: ExtensionContext): void {
  context.subscriptions.push(
    workspace.registerTextDocumentContentProvider(CAPTURE_SCHEME, new CaptureTextProvider()),
    window.registerCustomEditorProvider(CAPTURE_EDITOR, new CaptureEditorProvider(), {
      supportsMultipleEditorsPerDocument: true,
    }),
    commands.registerCommand(OpenCaptureCommand, async (file?: Uri) => {
      const target =
        file ??
        (
          await window.showOpenDialog({
            canSelectMany: false,
            filters: { 'Packet captures': ['pcap', 'pcapng', 'cap'] },
          })
        )?.[0];
      if (target) await window.showTextDocument(captureTextUri(target), { preview: false });
    }),
  );
}
