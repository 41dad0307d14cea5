// Public surface of the analysis core. Pure: no editor, protocol, Node or I/O dependencies.
export { analyze } from './analyze';
export type { AnalysisStage, AnalyzeOptions } from './progress';
export { analysisSteps, analyzeLines, tryUpdateLines, updateLines } from './incremental';
export type { AnalysisStep, AnalysisSteps, IncrementalAnalysis, LineEdit } from './incremental';
export { endpointText } from './parse/endpoint';
export { headerSpans } from './parse/tcpSegment';
export { timestampText } from './parse/timestamp';
export type * from './types';
export { packetTimes } from './track/packetTimes';
export { createAnalysisStream, partBuffers, STREAM_UNRECOGNISED_KEPT } from './stream';
export { documentContext, startsAfresh } from './documentParts';
export type { DocumentContext } from './documentParts';
export type { LineContext } from './parse/packetLine';
export type {
  AnalysisStream,
  AnalysisStreamOptions,
  StreamedAnalysis,
  StreamedNotes,
  StreamPart,
} from './stream';
export type { PacketNotes } from './packetNotes';
export { lowerBound } from './search';
export { runSteps } from './runSteps';
export { LINE_KINDS } from './lineKinds';
