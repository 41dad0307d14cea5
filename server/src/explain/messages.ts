import type {
  CloseKind,
  FindingCode,
  FindingDetail,
  HandshakeOutcome,
  RuleNote,
  Step,
  TcpState,
} from '../analysis';

export type Locale = 'en' | 'zh-CN';

/** One finding explained: what happened, what the application saw, what to check or tune. */
export interface FindingText {
  title: string;
  what: string;
  app: string;
  check: string;
}

/** Why an endpoint's state changed with this packet. */
export type TransitionKey =
  | 'sentSyn'
  | 'receivedSyn'
  | 'receivedSynSimultaneous'
  | 'sentSynAck'
  | 'receivedSynAck'
  | 'receivedHandshakeAck'
  | 'inferredEstablished'
  | 'sentFin'
  | 'sentFinAfterPeer'
  | 'receivedFin'
  | 'receivedFinCrossing'
  | 'receivedFinAfterAck'
  | 'finAcked'
  | 'finAckedClosing'
  | 'finAckedLastAck'
  | 'sentRst'
  | 'receivedRst'
  | 'crossingFinLearned'
  | 'unchanged';

export interface FieldValues {
  /** Sequence numbers as printed. */
  printed: string;
  /** Absolute value(s), when known. */
  absolute: string | null;
  relative: boolean;
}

/** Everything a hover, diagnostic or lens says, in one language. */
export interface Messages {
  locale: Locale;
  role: { client: string; server: string };
  flag: Record<'F' | 'S' | 'R' | 'P' | '.' | 'U' | 'E' | 'W' | 'e', string>;
  /** Usual meaning of common flag combinations, keyed by the text inside `[...]`. */
  flagCombination: Record<string, string>;
  noFlags: string;
  state: Record<TcpState, string>;
  step: Record<Step, string>;
  handshake: Record<HandshakeOutcome, string>;
  close: Record<CloseKind, string>;
  finding: Record<FindingCode, FindingText>;
  transition: Record<TransitionKey, string>;
  /** The numbers behind a finding: who aborted, the SYN schedule, how many… */
  findingDetail(d: FindingDetail): string;
  /** One line of "why / why not" for a rule note. */
  note(n: RuleNote): string;
  /** The connection verdict block of the line hover. */
  verdict: {
    title: string;
    completeness(label: string, flags: string): string;
    zeek(state: string, history: string): string;
    direction(
      role: string,
      packets: number,
      bytes: number,
      retransmitted: number,
      rttMs: string | null,
    ): string;
    initialRtt(ms: string): string;
  };
  option: {
    mss(value: number): string;
    wscale(value: number): string;
    sackOK: string;
    sack(blocks: string): string;
    timestamp(val: number, ecr: number): string;
    nop: string;
    eol: string;
    other(name: string): string;
  };
  field: {
    seqRange(first: string, next: string, length: number, values: FieldValues): string;
    seqSingle(values: FieldValues, control: string): string;
    ack(values: FieldValues, acknowledges: string | null): string;
    ackNoFlag: string;
    win(raw: number, scaled: number | null, shift: number | null, inSyn: boolean): string;
    length(n: number): string;
    relativeNote: string;
    absoluteNote: string;
  };
  line: {
    connection(id: number, client: string, server: string, inferred: boolean): string;
    direction(from: string, to: string): string;
    step: string;
    noStep: string;
    states: string;
    before: string;
    after: string;
    why: string;
    findings: string;
    whyNot: string;
    /** Between a title and its text (': ' or '：'). */
    separator: string;
    whatTheAppSaw: string;
    whatToCheck: string;
    packetRef(packet: number, line: number): string;
    nonTcp(protocol: string): string;
    unrecognised(reason: string): string;
    endpointRole(role: string, id: number): string;
  };
  lens: {
    summary(
      client: string,
      server: string,
      packets: number,
      handshake: string,
      close: string,
      finalClient: TcpState,
      finalServer: TcpState,
    ): string;
    /** Title of the lens that opens the sequence diagram on the connection. */
    diagram: string;
    findings(n: number): string;
  };
  status: {
    summary(connections: number, packets: number, findings: number): string;
    tooltip: string;
  };
  symbol: {
    handshake: string;
    data: string;
    close: string;
    connection(client: string, server: string): string;
  };
  diagnostic: {
    related: string;
    /**
     * Said once, as the last diagnostic, when more were found than the editor shows. It gives no
     * total, which would change with every appended finding and make all the diagnostics be sent
     * again.
     */
    notShown: (shown: number) => string;
  };
}
