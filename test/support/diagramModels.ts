import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiagramFilter, DiagramModel } from '../../client/src/webviewProtocol';
import { ladder } from '../../client/webview/exporters/ladder';
import { NO_FILTER, computeLayout } from '../../client/webview/layout';
import type { Timeline } from '../../server/src/protocol';
import { analyze } from '../../server/src/analysis';
import { splitLines } from '../../server/src/analysis/parse/text';
import type { SeverityLookup } from '../../server/src/report/timeline';
import { buildTimeline } from '../../server/src/report/timeline';
import { repoRoot } from './paths';

/** The timeline the server builds for tcpdump text (the document's lines and its analysis). */
export function timelineOfText(
  text: string,
  uri: string,
  version: number,
  severityOf?: SeverityLookup,
): Timeline {
  return buildTimeline(analyze(text), splitLines(text), uri, version, severityOf);
}

/** The diagram model the server builds for a baseline fixture's `n.tcpdump`. */
export function modelOf(fixture: string): DiagramModel {
  const file = path.join(repoRoot, 'test', 'baseline', 'fixtures', fixture, 'n.tcpdump');
  return timelineOfText(fs.readFileSync(file, 'utf8'), `file:///${fixture}.tcpdump`, 1);
}

/** The exporters' input for a real capture and a filter. */
export function ladderOf(fixture: string, filter: Partial<DiagramFilter> = {}) {
  const m = modelOf(fixture);
  return ladder(m, computeLayout(m, { ...NO_FILTER, ...filter }));
}
