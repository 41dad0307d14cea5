import type { ExtensionContext, TextDocumentContentProvider } from 'vscode';
import { EventEmitter, Uri, commands, window, workspace } from 'vscode';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { explainFailure, listInterfaces, startTcpdump } from './tcpdumpProcess';

export const LIVE_SCHEME = 'tcpdump-lens-live';
export const StartLiveCaptureCommand = 'tcpdumpLens.startLiveCapture';
export const StopLiveCaptureCommand = 'tcpdumpLens.stopLiveCapture';
export const PauseLiveCaptureCommand = 'tcpdumpLens.pauseLiveCapture';
export const ResumeLiveCaptureCommand = 'tcpdumpLens.resumeLiveCapture';
export const SaveLiveCaptureCommand = 'tcpdumpLens.saveLiveCapture';
const FILTER_HISTORY = 'tcpdumpLens.filterHistory';
/** New output is shown at most this often, so the language server re-analyses in batches. */
const UPDATE_INTERVAL_MS = 250;

interface LiveCapture {
  uri: Uri;
  process: ChildProcessWithoutNullStreams;
  text: string;
  /** Lines received while paused, appended on resume. */
  held: string;
  paused: boolean;
  running: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Streams `tcpdump -l -nn -i IFACE FILTER` into a read-only tcpdump document that grows. */
export function registerLiveCapture(context: ExtensionContext): void {
  const captures = new Map<string, LiveCapture>();
  const changed = new EventEmitter<Uri>();
  let counter = 0;

  const provider: TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => captures.get(uri.toString())?.text ?? '',
  };

  const setRunningContext = () =>
    void commands.executeCommand(
      'setContext',
      'tcpdumpLens.liveCaptureRunning',
      [...captures.values()].some((c) => c.running),
    );

  const flushSoon = (c: LiveCapture) => {
    c.timer ??= setTimeout(() => {
      c.timer = null;
      changed.fire(c.uri);
    }, UPDATE_INTERVAL_MS);
  };

  const stop = (c: LiveCapture) => {
    if (c.running) c.process.kill('SIGINT');
    c.running = false;
    setRunningContext();
  };

  /** The live capture of the active editor, or the only one running. */
  const current = (): LiveCapture | undefined => {
    const active = window.activeTextEditor?.document.uri.toString();
    return (
      (active && captures.get(active)) ||
      (captures.size === 1 ? [...captures.values()][0] : undefined)
    );
  };

  const start = async () => {
    if (!workspace.isTrusted) {
      void window.showErrorMessage(
        'tcpdump Lens: live capture runs tcpdump, which is disabled in an untrusted workspace.',
      );
      return;
    }
    const tcpdumpPath =
      workspace.getConfiguration('tcpdumpLens').get<string>('tcpdumpPath', 'tcpdump') || 'tcpdump';
    const listed = await listInterfaces(tcpdumpPath);
    if ('error' in listed) {
      void window.showErrorMessage(`tcpdump Lens: ${listed.error}`);
      return;
    }
    const picked = await window.showQuickPick(
      listed.interfaces.map((i) => ({ label: i.name, description: i.description })),
      { title: 'Capture on which interface?', placeHolder: 'any captures on every interface' },
    );
    if (!picked) return;
    const history = context.globalState.get<string[]>(FILTER_HISTORY, []);
    const filter = await pickFilter(history);
    if (filter === undefined) return;
    await context.globalState.update(
      FILTER_HISTORY,
      [filter, ...history.filter((h) => h !== filter)].slice(0, 20),
    );

    const uri = Uri.from({
      scheme: LIVE_SCHEME,
      path: `/live-${++counter}-${picked.label}.tcpdump`,
    });
    const child = startTcpdump(tcpdumpPath, picked.label, filter);
    const c: LiveCapture = {
      uri,
      process: child,
      text: '',
      held: '',
      paused: false,
      running: true,
      timer: null,
    };
    captures.set(uri.toString(), c);
    setRunningContext();
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (c.paused) c.held += chunk;
      else {
        c.text += chunk;
        flushSoon(c);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      c.running = false;
      setRunningContext();
      void window.showErrorMessage(`tcpdump Lens: ${explainFailure(tcpdumpPath, error, stderr)}`);
    });
    child.on('exit', (code, signal) => {
      c.running = false;
      setRunningContext();
      if (code !== 0 && signal === null)
        void window.showErrorMessage(`tcpdump Lens: ${explainFailure(tcpdumpPath, null, stderr)}`);
    });
    await window.showTextDocument(uri, { preview: false });
  };

  context.subscriptions.push(
    workspace.registerTextDocumentContentProvider(LIVE_SCHEME, provider),
    changed,
    commands.registerCommand(StartLiveCaptureCommand, start),
    commands.registerCommand(StopLiveCaptureCommand, () => {
      const c = current();
      if (c) stop(c);
    }),
    commands.registerCommand(PauseLiveCaptureCommand, () => {
      const c = current();
      if (c) c.paused = true;
    }),
    commands.registerCommand(ResumeLiveCaptureCommand, () => {
      const c = current();
      if (!c) return;
      c.paused = false;
      c.text += c.held;
      c.held = '';
      flushSoon(c);
    }),
    commands.registerCommand(SaveLiveCaptureCommand, async () => {
      const c = current();
      if (!c) return;
      // The save dialog asks before replacing an existing file.
      const target = await window.showSaveDialog({
        filters: { 'tcpdump output': ['tcpdump', 'txt'] },
      });
      if (target) await workspace.fs.writeFile(target, new TextEncoder().encode(c.text));
    }),
    workspace.onDidCloseTextDocument((doc) => {
      const c = captures.get(doc.uri.toString());
      if (!c) return;
      stop(c);
      captures.delete(doc.uri.toString());
    }),
    { dispose: () => captures.forEach(stop) },
  );
}

/** A filter from the history or typed anew (empty: capture everything). */
async function pickFilter(history: string[]): Promise<string | undefined> {
  const box = window.createQuickPick();
  box.title = 'Capture filter (pcap-filter syntax), e.g. tcp port 443';
  box.placeholder = 'empty: every packet';
  box.items = history.map((h) => ({ label: h }));
  return new Promise((resolve) => {
    box.onDidAccept(() => {
      resolve(box.selectedItems[0]?.label ?? box.value);
      box.hide();
    });
    box.onDidHide(() => {
      resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}
