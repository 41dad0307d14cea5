import type { Disposable, Event, TreeDataProvider, TreeView, Uri } from 'vscode';
import {
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  window,
} from 'vscode';
import type { ConnectionSummary, FileAnalysis, Timeline } from '../../../server/src/protocol';
import { FILE_CONNECTIONS_PAGE } from '../../../server/src/protocol';
import { ShowMoreConnectionsCommand } from '../diskAnalysis/connectionPages';
import type { DiskAnalyses } from '../diskAnalysis/diskAnalyses';
import type { ActiveLog } from '../sequenceDiagram/activeLog';
import type { TimelineStore } from '../sequenceDiagram/timelineStore';

export const ConnectionsViewId = 'tcpdumpLens.connections';

/** A tree element; also the argument the item's inline action passes to commands. */
export interface ConnectionNode {
  readonly uri: string;
  readonly connection: number;
  readonly info: ConnectionSummary;
  /** Finding codes seen on the connection's packets. */
  readonly codes: readonly string[];
}

/** The last item of a file analysed from disk whose connections are not all listed yet. */
export interface MoreConnectionsNode {
  readonly uri: string;
  readonly listed: number;
  readonly total: number;
}

export type ConnectionsTreeNode = ConnectionNode | MoreConnectionsNode;

const isConnection = (node: ConnectionsTreeNode): node is ConnectionNode => 'connection' in node;

export type Verdict = 'error' | 'warning' | 'ok';

const ERROR_CODES = new Set(['rst', 'refused', 'syn_unanswered']);

/** How a connection went, for its icon. */
export function verdictOf(c: ConnectionSummary, codes: readonly string[]): Verdict {
  if (
    c.handshake === 'refused' ||
    c.handshake === 'no answer' ||
    c.handshake === 'half-open' ||
    c.close === 'abort' ||
    codes.some((code) => ERROR_CODES.has(code))
  )
    return 'error';
  if (c.findings > 0 || c.close === 'incomplete' || c.handshake === 'midstream') return 'warning';
  return 'ok';
}

/** `host.port` as `host:port`. */
function endpoint(raw: string): string {
  const dot = raw.lastIndexOf('.');
  if (dot <= 0) return raw;
  const host = raw.slice(0, dot);
  return host.includes(':') ? `[${host}]:${raw.slice(dot + 1)}` : `${host}:${raw.slice(dot + 1)}`;
}

export function nodesOf(timeline: Timeline): ConnectionNode[] {
  const codes = new Map<number, Set<string>>();
  for (const p of timeline.packets) {
    if (p.findings.length === 0) continue;
    let set = codes.get(p.connection);
    if (!set) codes.set(p.connection, (set = new Set()));
    for (const f of p.findings) set.add(f);
  }
  return timeline.connections.map((c) => ({
    uri: timeline.uri,
    connection: c.id,
    info: c,
    codes: [...(codes.get(c.id) ?? [])],
  }));
}

/** The connections of a file analysed from disk listed so far, and an item to list more. */
export function nodesOfFile(analysis: FileAnalysis): ConnectionsTreeNode[] {
  const nodes: ConnectionsTreeNode[] = analysis.connections.map((c) => ({
    uri: analysis.uri,
    connection: c.id,
    info: c,
    codes: c.codes,
  }));
  const listed = analysis.connections.length;
  if (listed < analysis.connectionCount)
    nodes.push({ uri: analysis.uri, listed, total: analysis.connectionCount });
  return nodes;
}

/** The item that lists the next page of a file's connections. */
export function moreItemOf(node: MoreConnectionsNode, page: number): TreeItem {
  const next = Math.min(page, node.total - node.listed);
  const item = new TreeItem(
    `Show ${next.toLocaleString('en')} more connections`,
    TreeItemCollapsibleState.None,
  );
  item.id = `${node.uri}#more`;
  item.description = `${node.listed.toLocaleString('en')} of ${node.total.toLocaleString('en')} listed`;
  item.iconPath = new ThemeIcon('ellipsis');
  item.command = {
    command: ShowMoreConnectionsCommand,
    title: 'Show more connections',
    arguments: [node.uri],
  };
  item.contextValue = 'tcpdumpLens.moreConnections';
  return item;
}

export function treeItemOf(node: ConnectionNode): TreeItem {
  const c = node.info;
  const item = new TreeItem(
    `#${c.id} ${endpoint(c.client)} → ${endpoint(c.server)}`,
    TreeItemCollapsibleState.None,
  );
  item.id = `${node.uri}#${c.id}`;
  const findings =
    c.findings === 0 ? 'no findings' : `${c.findings} finding${c.findings === 1 ? '' : 's'}`;
  item.description = `${c.finalState.client} / ${c.finalState.server} · ${findings}`;
  const verdict = verdictOf(c, node.codes);
  item.iconPath =
    verdict === 'error'
      ? new ThemeIcon('error', new ThemeColor('errorForeground'))
      : verdict === 'warning'
        ? new ThemeIcon('warning', new ThemeColor('editorWarning.foreground'))
        : new ThemeIcon('pass', new ThemeColor('testing.iconPassed'));
  const tip = new MarkdownString(undefined, false);
  tip.appendText(`Connection ${c.id}${c.clientInferred ? ' (client inferred)' : ''}\n\n`);
  tip.appendText(`client ${endpoint(c.client)} → server ${endpoint(c.server)}\n\n`);
  tip.appendText(
    `${c.packets} packets · handshake ${c.handshake} · close ${c.close}${c.activeCloser ? ` (${c.activeCloser} closed first)` : ''}\n\n`,
  );
  tip.appendText(`final state: client ${c.finalState.client} · server ${c.finalState.server}\n\n`);
  tip.appendText(node.codes.length > 0 ? `findings: ${node.codes.join(', ')}` : findings);
  item.tooltip = tip;
  item.accessibilityInformation = {
    label: `Connection ${c.id}, client ${endpoint(c.client)}, server ${endpoint(c.server)}, ${verdict === 'ok' ? 'no problem' : verdict}, final states client ${c.finalState.client}, server ${c.finalState.server}, ${findings}`,
  };
  item.contextValue = 'tcpdumpLens.connection';
  return item;
}

/** One item per connection of the active tcpdump log. */
export class ConnectionsTree implements TreeDataProvider<ConnectionsTreeNode>, Disposable {
  private nodes: ConnectionsTreeNode[] = [];
  private watch: Disposable | undefined;
  private readonly emitter = new EventEmitter<void>();
  readonly onDidChangeTreeData: Event<void> = this.emitter.event;
  readonly view: TreeView<ConnectionsTreeNode>;
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly store: TimelineStore,
    private readonly active: ActiveLog,
    /** The user selected connections (one or several). */
    onSelect: (uri: Uri, connections: number[]) => void,
    /** Results of files analysed from disk, listed when such a file is the active log. */
    private readonly disk?: DiskAnalyses,
  ) {
    this.view = window.createTreeView(ConnectionsViewId, {
      treeDataProvider: this,
      canSelectMany: true,
      showCollapseAll: false,
    });
    this.subscriptions.push(
      this.emitter,
      this.view,
      active.onDidChange((uri) => this.follow(uri)),
      ...(disk
        ? [
            disk.onDidChange((uri) => {
              if (uri === this.active.uri?.toString()) this.follow(this.active.uri);
            }),
            disk.onDidAddConnections((uri) => {
              const result = disk.get(uri);
              if (result && uri === this.active.uri?.toString()) this.showFile(result);
            }),
          ]
        : []),
      this.view.onDidChangeSelection((e) => {
        const uri = this.active.uri;
        const picked = e.selection.filter(isConnection);
        if (!uri || picked.length === 0) return;
        onSelect(
          uri,
          picked.map((n) => n.connection),
        );
      }),
    );
    this.follow(active.uri);
  }

  private follow(uri: Uri | undefined): void {
    this.watch?.dispose();
    this.watch = undefined;
    this.nodes = [];
    this.view.message = uri ? 'Analysing…' : 'Open a tcpdump log to list its TCP connections.';
    this.emitter.fire();
    if (!uri) return;
    const fromDisk = this.disk?.get(uri);
    if (fromDisk) {
      this.showFile(fromDisk);
      return;
    }
    this.watch = this.store.watch(uri.toString(), (t) => this.show(t ? nodesOf(t) : null));
  }

  /** Lists the nodes (null: no analysis yet); `total` counts the connections not listed too. */
  private show(nodes: ConnectionsTreeNode[] | null, total = nodes?.length ?? 0): void {
    this.nodes = nodes ?? [];
    this.view.message = !nodes
      ? 'No analysis yet.'
      : nodes.length === 0
        ? 'No TCP connection in this log.'
        : undefined;
    this.view.description = nodes ? `${total}` : undefined;
    this.emitter.fire();
  }

  private showFile(analysis: FileAnalysis): void {
    this.show(nodesOfFile(analysis), analysis.connectionCount);
    if (this.nodes.length > 0)
      this.view.message = 'Analysed from disk: select a connection to draw its sequence diagram.';
  }

  getTreeItem(node: ConnectionsTreeNode): TreeItem {
    return isConnection(node) ? treeItemOf(node) : moreItemOf(node, FILE_CONNECTIONS_PAGE);
  }

  getChildren(node?: ConnectionsTreeNode): ConnectionsTreeNode[] {
    return node ? [] : this.nodes;
  }

  dispose(): void {
    this.watch?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
