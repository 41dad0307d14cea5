import type {
  CancellationToken,
  CustomDocument,
  CustomReadonlyEditorProvider,
  Disposable,
  Event,
  ExtensionContext,
  TextDocumentContentProvider,
  TextDocumentShowOptions,
  ViewColumn,
  WebviewPanel,
} from 'vscode';
import { EventEmitter, ProgressLocation, Uri, commands, window, workspace } from 'vscode';
import type { TimestampStyle } from '../../../server/src/capture';
import type { CaptureRendering } from '../../../server/src/input/captureLines';
import { renderCapture } from './captureText';

/** Read-only documents holding the tcpdump text of a capture file. */
export const CAPTURE_SCHEME = 'tcpdump-lens';
export const OpenCaptureCommand = 'tcpdumpLens.openCapture';
const CAPTURE_EDITOR = 'tcpdumpLens.captureFile';

/** `tcpdump-lens:/path/x.pcap.tcpdump?<file uri>`: the `.tcpdump` ending selects the language. */
export function captureTextUri(file: Uri): Uri {
  return Uri.from({ scheme: CAPTURE_SCHEME, path: `${file.path}.tcpdump`, query: file.toString() });
}

/** The capture file a capture document shows. */
export function captureFileOf(document: Uri): Uri {
  return Uri.parse(document.query);
}

/** How captures are rendered now: in the machine's time zone, like tcpdump, and the setting's form. */
function currentRendering(): CaptureRendering {
  return {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    timestamps: workspace
      .getConfiguration('tcpdumpLens')
      .get<TimestampStyle>('capture.timestamps', 'time'),
  };
}

/** A capture document as it was last rendered. */
export interface RenderedCaptureText {
  /** Characters of its text: VS Code hands no document of more than 50 MiB to extensions. */
  length: number;
  /** How it was rendered: reading the capture again gives the same lines this way. */
  rendering: CaptureRendering;
}

/** The capture documents rendered, and how: "Analyze from disk" needs it for one too large. */
export class RenderedCaptures implements Disposable {
  readonly #texts = new Map<string, RenderedCaptureText>();
  readonly #rendered = new EventEmitter<Uri>();
  /** A capture document's text was rendered (it is about to be shown). */
  readonly onDidRender: Event<Uri> = this.#rendered.event;

  get(document: Uri): RenderedCaptureText | undefined {
    return this.#texts.get(document.toString());
  }

  /** How the document was rendered, or how it would be now. */
  renderingOf(document: Uri): CaptureRendering {
    return this.get(document)?.rendering ?? currentRendering();
  }

  record(document: Uri, text: RenderedCaptureText): void {
    this.#texts.set(document.toString(), text);
    this.#rendered.fire(document);
  }

  dispose(): void {
    this.#rendered.dispose();
  }
}

class CaptureTextProvider implements TextDocumentContentProvider {
  constructor(private readonly captures: RenderedCaptures) {}

  async provideTextDocumentContent(uri: Uri, token: CancellationToken): Promise<string> {
    const file = captureFileOf(uri);
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
        const rendering = currentRendering();
        const rendered = await renderCapture(bytes, rendering, (f) => {
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
        this.captures.record(uri, { length: rendered.text.length, rendering });
        return rendered.text;
      },
    );
  }
}

/**
 * Shows a capture's text in an editor. Through the workbench (`vscode.open`), not
 * `showTextDocument`: that opens the document in the extension host first, which VS Code refuses
 * for a text over 50 MB ("Files above 50MB cannot be synchronized with extensions"); the editor
 * shows it all the same, and "Analyze from disk" is offered for it.
 */
async function openCaptureText(file: Uri, viewColumn?: ViewColumn): Promise<void> {
  const options: TextDocumentShowOptions = { preview: false, viewColumn };
  await commands.executeCommand('vscode.open', captureTextUri(file), options);
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
    await openCaptureText(document.uri, panel.viewColumn);
    panel.dispose();
  }
}

export function registerCaptureDocuments(context: ExtensionContext): RenderedCaptures {
  const captures = new RenderedCaptures();
  context.subscriptions.push(
    captures,
    workspace.registerTextDocumentContentProvider(
      CAPTURE_SCHEME,
      new CaptureTextProvider(captures),
    ),
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
      if (target) await openCaptureText(target);
    }),
  );
  return captures;
}
