// Plain data returned by the capture-file reader.

export type CaptureFormat = 'pcap' | 'pcapng';

/**
 * A packet's time as libpcap hands it to tcpdump: `seconds` is `tv_sec` (signed, as time_t),
 * `micros` / `nanos` are `tv_usec` for a reader opened with microsecond (tcpdump's default) or
 * nanosecond (`--nano`) precision. On corrupt files the fractions can be out of range or
 * negative; tcpdump then prints them cast to unsigned, and so does the renderer.
 */
export interface CaptureTimestamp {
  seconds: number;
  micros: number;
  nanos: number;
}

/** One interface of the capture (pcap files have exactly one). */
export interface CaptureInterface {
  /** Position in `Capture.interfaces` (pcapng: IDBs counted across all sections). */
  id: number;
  /** LINKTYPE_* value as stored in the file. */
  linkType: number;
  /** Snapshot length as libpcap adjusts it (0 or too large → 262144). */
  snapLength: number;
  /** pcapng `if_name`, when present. */
  name: string | null;
  /** Units per second of the raw timestamps (1e6 for pcap µs, 1e9 for pcap ns). */
  timestampUnitsPerSecond: number;
  /** pcapng `if_tsoffset`, in seconds. */
  timestampOffset: number;
}

export interface CapturedPacket {
  /** 0-based ordinal in the file. */
  index: number;
  /** Byte offset of the packet record (pcap) or block (pcapng) in the file. */
  offset: number;
  /** Index into `Capture.interfaces` (pcapng: counted across sections). */
  interfaceId: number;
  /** LINKTYPE_* value of the interface. */
  linkType: number;
  timestamp: CaptureTimestamp;
  /** Bytes captured (`caplen`), which is `data.length`. */
  capturedLength: number;
  /** Length of the packet on the wire (`len`). */
  originalLength: number;
  /** The captured bytes (a copy: it does not alias the caller's input). */
  data: Uint8Array;
}

export interface CaptureError {
  /** Byte offset in the file where the problem was found. */
  offset: number;
  message: string;
}

export interface Capture {
  /** Null when the bytes are neither pcap nor pcapng. */
  format: CaptureFormat | null;
  /** Distinct link types of the interfaces, in order of first appearance. */
  linkTypes: number[];
  interfaces: CaptureInterface[];
  packets: CapturedPacket[];
  /** Set when the file is truncated or corrupt: `packets` holds everything before it. */
  error: CaptureError | null;
}
