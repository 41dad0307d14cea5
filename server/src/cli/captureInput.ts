import { runSteps } from '../analysis';
import type { TimestampStyle } from '../capture';
import { detectCaptureFormat } from '../capture';
import type { CaptureOutcome } from '../input/captureLines';
import { captureBytesText, unreadableCaptureReason } from '../input/captureLines';

export function isCaptureFile(head: Uint8Array): boolean {
  return detectCaptureFormat(head) !== null;
}

/**
 * Renders a pcap or pcapng file as the text `tcpdump -n -r` prints, in the machine's time zone
 * like tcpdump; a corrupt or truncated tail is reported with its byte offset, the packets before
 * it are kept.
 */
export function captureToText(
  bytes: Uint8Array,
  timeZone: string,
  timestamps: TimestampStyle = 'time',
): CaptureOutcome & { text: string } {
  return runSteps(captureBytesText(bytes, { timeZone, timestamps }));
}

/** Why a capture with no packet before its error cannot be shown; null when it can. */
export function captureFailure(path: string, outcome: CaptureOutcome): string | null {
  const reason = unreadableCaptureReason(outcome);
  return reason === null ? null : `${path}: ${reason}`;
}

/** The warning for a capture cut short after some packets; null when it was read to its end. */
export function captureWarning(path: string, outcome: CaptureOutcome): string | null {
  const { error, packets } = outcome;
  if (!error) return null;
  return `${path}: ${error.message} at byte offset ${error.offset}; showing the ${packets} packets before it`;
}
