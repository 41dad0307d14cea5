import type { LineKind } from './types';

/** Every kind a line may have; compact tables number the kinds by their place here. */
export const LINE_KINDS = [
  'packet',
  'packet-continuation',
  'decode',
  'hex-dump',
  'ascii-payload',
  'capture-info',
  'blank',
  'unrecognised',
] as const satisfies readonly LineKind[];

// A kind added to LineKind but not listed above fails to compile here.
const everyKindListed: Exclude<LineKind, (typeof LINE_KINDS)[number]> extends never ? true : never =
  true;
void everyKindListed;
