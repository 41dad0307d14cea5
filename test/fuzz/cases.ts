// One fuzz case from (run seed, case number): which mutator, and the input it makes. The same
// pair always gives the same case, so a failure is reproduced with `--seed S --case N`.
import type { RenderOptions } from '../../server/src/capture';
import { captureMutators } from './captureMutators';
import type { CaptureFile, TextCorpus } from './corpus';
import type { MutationContext } from './mutators';
import { textMutators } from './mutators';
import { Rng, caseSeed } from './prng';

export type FuzzCase =
  | { kind: 'text'; index: number; mutator: string; input: string }
  | {
      kind: 'capture';
      index: number;
      mutator: string;
      input: Uint8Array;
      render: RenderOptions;
      chunks: number[];
    };

export interface CaseSettings {
  corpus: TextCorpus;
  captures: CaptureFile[];
  /** Size of a huge line (characters). */
  hugeLine: number;
  /** Only these mutators (names), or all when null. */
  only: string[] | null;
}

/** Every mutator name, text ones first. */
export function mutatorNames(): string[] {
  return [...textMutators.map((m) => m.name), ...captureMutators.map((m) => m.name)];
}

type Choice =
  | { kind: 'text'; m: (typeof textMutators)[number] }
  | { kind: 'capture'; m: (typeof captureMutators)[number] };

function choices(only: string[] | null): Array<readonly [number, Choice]> {
  const all: Array<readonly [number, Choice]> = [
    ...textMutators.map((m) => [m.weight, { kind: 'text', m }] as const),
    // Captures get about a quarter of the cases.
    ...captureMutators.map((m) => [m.weight, { kind: 'capture', m }] as const),
  ];
  return only ? all.filter(([, c]) => only.includes(c.m.name)) : all;
}

const TIME_ZONES: Array<string | number> = [
  'UTC',
  120,
  -300,
  'Europe/Paris',
  'Asia/Kolkata',
  'No/Such_Zone',
];
const STYLES = ['time', 'none', 'epoch', 'delta-previous', 'date-time', 'delta-first'] as const;
const CHUNKINGS = [[1], [2, 3], [7], [13, 1, 64], [4096], [1 << 20], [24, 16, 1500]];

export function makeCase(seed: number, index: number, s: CaseSettings): FuzzCase {
  const rng = new Rng(caseSeed(seed, index));
  const options = choices(s.only);
  if (options.length === 0) throw new Error(`no mutator named ${s.only?.join(', ')}`);
  const choice = rng.weighted(options);
  if (choice.kind === 'text') {
    const ctx: MutationContext = { corpus: s.corpus, hugeLine: s.hugeLine };
    return { kind: 'text', index, mutator: choice.m.name, input: choice.m.make(rng, ctx) };
  }
  const input = choice.m.make(rng, s.captures);
  return {
    kind: 'capture',
    index,
    mutator: choice.m.name,
    input,
    render: {
      timestamps: rng.pick(STYLES),
      nano: rng.chance(0.2),
      timeZone: rng.pick(TIME_ZONES),
      absoluteSequence: rng.chance(0.3),
      packetNumbers: rng.chance(0.2),
    },
    chunks: rng.pick(CHUNKINGS),
  };
}
