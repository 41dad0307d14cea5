// Custom LSP methods shared by the client and the server. Types and names only: no imports.

/** Counts shown in the status bar for one document. */
export interface DocumentSummary {
  uri: string;
  connections: number;
  packets: number;
  tcpPackets: number;
  findings: number;
  unrecognisedLines: number;
}

/** Client → server request: the summary of an open document (null if the server does not know it). */
export const DocumentSummaryRequest = 'tcpdumpLens/documentSummary';
export interface DocumentSummaryParams {
  uri: string;
}

/** Server → client notification, sent after each analysis of a document. */
export const AnalysisUpdatedNotification = 'tcpdumpLens/analysisUpdated';

/** Command the connection CodeLens runs: show every packet of the connection as references. */
export const ShowConnectionPacketsCommand = 'tcpdumpLens.showConnectionPackets';
export interface ShowConnectionPacketsArgs {
  uri: string;
  line: number;
  /** Header lines of the connection's packets. */
  lines: number[];
}
