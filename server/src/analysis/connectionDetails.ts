import type { Connection, ConnectionOverview } from './types';

/** What a report shows of a connection beyond its overview: payload bytes and the full verdict. */
export type ConnectionDetails = Pick<Connection, 'bytes' | 'verdict'>;

/**
 * Keeps each connection's details while flows are tracked and let go (a streamed analysis keeps
 * only overviews otherwise); they are put in id order once the connections are numbered.
 */
export class ConnectionDetailsCollector {
  readonly #owners: ConnectionOverview[] = [];
  readonly #details: ConnectionDetails[] = [];

  /** Notes the details of a tracked connection, whose overview will get its final id. */
  add(owner: ConnectionOverview, connection: Connection): void {
    this.#owners.push(owner);
    this.#details.push({ bytes: connection.bytes, verdict: connection.verdict });
  }

  /** The details by connection id − 1 (ids run from 1 to the number of connections). */
  finish(): ConnectionDetails[] {
    const byId = new Array<ConnectionDetails>(this.#details.length);
    this.#owners.forEach((owner, i) => (byId[owner.id - 1] = this.#details[i]!));
    return byId;
  }
}
