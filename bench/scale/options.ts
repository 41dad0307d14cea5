export interface BenchOptions {
  /** Capture sizes in packets, ascending. */
  sizes: number[];
  skipCli: boolean;
  skipLsp: boolean;
  /** Rebuild dist/ first even when the bundles exist. */
  build: boolean;
  /** Timed runs per tool and capture; a tool whose first run takes SLOW_RUN_MS or more runs once. */
  runs: number;
}

export const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
/**
 * A tool whose first run on a capture takes this long is not run again on it: the ratios the
 * targets name are of the faster tools, whose single runs vary too much to compare.
 */
export const SLOW_RUN_MS = 10_000;

export const USAGE = `Usage: npm run bench -- [options]

  --sizes LIST   capture sizes in packets, e.g. 10k,100k,1M (default: 10k,100k,1M)
  --runs N       timed runs per tool and capture (default 3; 1 for a tool whose first run took 10 s)
  --skip-cli     do not time the CLI and the other tools
  --skip-lsp     do not time the language server
  --build        rebuild dist/ first (otherwise built only when missing)
  -h, --help     show this help`;

/** "10k" → 10000, "1M" → 1000000, "2500" → 2500. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`not a size: "${text}" (examples: 10k, 100k, 1M)`);
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2]!] ?? 1;
  const value = Math.round(Number(match[1]) * scale);
  if (value < 100) throw new Error(`size ${text} is too small (at least 100 packets)`);
  return value;
}

/** 10000 → "10k", 1000000 → "1M", 2500 → "2.5k". */
export function formatSize(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const options: BenchOptions = {
    sizes: DEFAULT_SIZES,
    skipCli: false,
    skipLsp: false,
    build: false,
    runs: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--sizes':
        options.sizes = [...new Set(value().split(',').filter(Boolean).map(parseSize))].sort(
          (a, b) => a - b,
        );
        if (options.sizes.length === 0) throw new Error('--sizes needs at least one size');
        break;
      case '--runs': {
        const runs = Number(value());
        if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number ≥ 1');
        options.runs = runs;
        break;
      }
      case '--skip-cli':
        options.skipCli = true;
        break;
      case '--skip-lsp':
        options.skipLsp = true;
        break;
      case '--build':
        options.build = true;
        break;
      case '-h':
      case '--help':
        return 'help';
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}
