import type {
  ConnectionOverview,
  EndpointStates,
  Finding,
  FindingCode,
  Step,
  TcpAnnotation,
} from './types';

/**
 * What the annotated text prints under each TCP packet of a document streamed from disk (and the
 * JSON report shows of it), kept by packet ordinal (index 0 unused) in place of the annotations,
 * which are let go flow by flow. Steps, states and empty finding lists are shared values, so a
 * packet costs a few slots.
 */
export interface PacketNotes {
  /** The connection's id; 0 for a packet that is not tracked (not TCP, or no endpoints). */
  connection: Int32Array;
  /** 1 when the client sent the packet. */
  fromClient: Uint8Array;
  step: Array<Step | null>;
  stateAfter: EndpointStates[];
  /** The packet's findings, crowd findings included. */
  findings: FindingCode[][];
  /** The sequence and acknowledgement numbers as printed when absolute (NaN: none), for reports. */
  absoluteSeq: Float64Array;
  absoluteAck: Float64Array;
}

/** Gathers `PacketNotes` while flows are tracked; connection ids are read once they are final. */
export class PacketNotesCollector {
  readonly #notes: PacketNotes;
  /** By packet ordinal: 1 + the index in `#owners` of its connection (0: none). */
  readonly #owner: Int32Array;
  readonly #owners: ConnectionOverview[] = [];

  constructor(packetCount: number) {
    this.#owner = new Int32Array(packetCount + 1);
    this.#notes = {
      connection: new Int32Array(packetCount + 1),
      fromClient: new Uint8Array(packetCount + 1),
      step: new Array<Step | null>(packetCount + 1).fill(null),
      stateAfter: new Array<EndpointStates>(packetCount + 1),
      findings: new Array<FindingCode[]>(packetCount + 1),
      absoluteSeq: new Float64Array(packetCount + 1).fill(NaN),
      absoluteAck: new Float64Array(packetCount + 1).fill(NaN),
    };
  }

  /** Notes the annotations of one tracked connection, whose overview will get its final id. */
  add(owner: ConnectionOverview, annotations: readonly TcpAnnotation[]): void {
    this.#owners.push(owner);
    const ownerNumber = this.#owners.length;
    const notes = this.#notes;
    for (const a of annotations) {
      this.#owner[a.packet] = ownerNumber;
      notes.fromClient[a.packet] = a.direction === 'client->server' ? 1 : 0;
      notes.step[a.packet] = a.step;
      notes.stateAfter[a.packet] = a.stateAfter;
      notes.findings[a.packet] = a.findings;
      if (a.absoluteSeq !== null) notes.absoluteSeq[a.packet] = a.absoluteSeq;
      if (a.absoluteAck !== null) notes.absoluteAck[a.packet] = a.absoluteAck;
    }
  }

  /** The notes, once the connections are numbered; crowd findings join their packets' lists. */
  finish(crowd: readonly Finding[]): PacketNotes {
    const notes = this.#notes;
    for (let p = 1; p < this.#owner.length; p++) {
      const owner = this.#owner[p]!;
      if (owner > 0) notes.connection[p] = this.#owners[owner - 1]!.id;
    }
    // In crowd order, as a whole analysis appends them to its annotations.
    for (const f of crowd)
      if (notes.connection[f.packet])
        notes.findings[f.packet] = [...notes.findings[f.packet]!, f.code];
    return notes;
  }
}
