// Public surface of the capture-file reader and tcpdump text renderer. Pure: no Node built-ins,
// no I/O; bytes in, plain data and strings out. Nothing here throws on bad input.
export { CaptureReader, detectCaptureFormat, readCapture, type ReadOptions } from './reader';
export { TcpdumpTextRenderer, renderTcpdumpText, type RenderOptions } from './render';
export { isSupportedLinkType, linkTypeName, LINKTYPE, readingFromFileLine } from './linkTypes';
export { TIMESTAMP_STYLES, isTimestampStyle } from './timestamp';
export type { TimeZone, TimestampStyle } from './timestamp';
export type * from './types';
