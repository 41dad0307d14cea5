// Times each tool on each capture: median wall time and median peak RSS over the runs.
import * as fs from 'node:fs';
import type { Capture } from './data';
import { SLOW_RUN_MS, formatSize } from './options';
import type { Measurement } from './proc';
import { measureCommand } from './proc';
import { median } from './stats';
import type { Tool, ToolId } from './tools';

export type ToolResult =
  | {
      ok: true;
      runs: number;
      wallMs: number;
      peakRssBytes: number | null;
      rssSource: Measurement['rssSource'];
      allWallMs: number[];
    }
  | { ok: false; reason: string };

export interface CliSizeResult {
  packets: number;
  tools: Partial<Record<ToolId, ToolResult>>;
}

/** Reads a file once so that no tool pays for a cold page cache. */
async function warm(file: string): Promise<void> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) void chunk;
}

async function timeTool(tool: Tool, input: string, runs: number): Promise<ToolResult> {
  const measurements: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    let m: Measurement;
    try {
      m = await measureCommand(tool.command, tool.args(input));
    } catch (error) {
      return { ok: false, reason: `could not start: ${String(error)}` };
    }
    if (m.exitCode !== 0) {
      const last = m.stderrTail.trim().split('\n').pop() ?? '';
      return { ok: false, reason: `exit ${String(m.exitCode)}: ${last}` };
    }
    measurements.push(m);
    if (m.wallMs >= SLOW_RUN_MS) break;
  }
  const rss = measurements.map((m) => m.peakRssBytes).filter((v): v is number => v !== null);
  return {
    ok: true,
    runs: measurements.length,
    wallMs: median(measurements.map((m) => m.wallMs)),
    peakRssBytes: rss.length > 0 ? median(rss) : null,
    rssSource: measurements[0]!.rssSource,
    allWallMs: measurements.map((m) => Math.round(m.wallMs * 10) / 10),
  };
}

export async function runCliBench(
  captures: readonly Capture[],
  tools: readonly Tool[],
  runs: number,
  log: (line: string) => void,
): Promise<CliSizeResult[]> {
  const results: CliSizeResult[] = [];
  for (const capture of captures) {
    const size: CliSizeResult = { packets: capture.packets, tools: {} };
    await warm(capture.pcapPath);
    if (capture.textPath) await warm(capture.textPath);
    for (const tool of tools) {
      const input = tool.input === 'text' ? capture.textPath : capture.pcapPath;
      if (tool.unavailable) size.tools[tool.id] = { ok: false, reason: tool.unavailable };
      else if (input === null)
        size.tools[tool.id] = { ok: false, reason: capture.textMissing ?? 'no text' };
      else {
        log(`${formatSize(capture.packets)}: ${tool.id} × up to ${runs} …`);
        size.tools[tool.id] = await timeTool(tool, input, runs);
      }
    }
    results.push(size);
  }
  return results;
}
