import { DocumentParser } from './parse/document';
import type { LineContext } from './parse/packetLine';

/**
 * Where a document can be cut into parts read apart (`AnalysisStream` `laterPart`): the context
 * its first packet line sets, and the lines a later part can start at.
 */

const ignorePacket = (): void => undefined;

/** What a document's first packet line says about timestamps and `-#` numbers, and its index. */
export interface DocumentContext {
  context: LineContext;
  line: number;
}

/**
 * The context the document's first packet line sets, read from the document's first lines; null
 * when none of them is a packet line.
 */
export function documentContext(lines: Iterable<string>): DocumentContext | null {
  try {
    const parser = new DocumentParser({ keepLines: false, handOver: ignorePacket });
    let line = 0;
    for (const text of lines) {
      parser.push(text);
      const context = parser.context;
      if (context.timestamps !== null) return { context, line };
      line++;
    }
  } catch {
    // A line the parser fails on leaves the document whole: it is read in one part.
  }
  return null;
}

/**
 * The line starts a packet or is one of tcpdump's own messages, in a document of that context:
 * nothing after it depends on the lines before, so a later part can start there.
 */
export function startsAfresh(line: string, context: LineContext): boolean {
  try {
    return new DocumentParser({ keepLines: false, context, handOver: ignorePacket }).startsAfresh(
      line,
    );
  } catch {
    return false;
  }
}
