import type { TimestampStyle } from '../capture';
import { TIMESTAMP_STYLES, isTimestampStyle } from '../capture';

/** Parsed command line of `tcpdump-lens`. */
export interface CliOptions {
  input: string | null;
  format: 'text' | 'json' | 'summary';
  color: boolean | null;
  /** Timestamp form for capture files (tcpdump's -t… flags). */
  timestamps: TimestampStyle;
  /** Print what was analysed and how fast on stderr (always on a terminal). */
  stats: boolean;
  /** Progress bar on stderr: null means only when stderr is a terminal. */
  progress: boolean | null;
  /** Threads that read a text file in parts at once: null chooses by its size and the CPUs. */
  threads: number | null;
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

const FORMATS = ['text', 'json', 'summary'] as const;

/**
 * Threads chosen at most when none are asked for, the file size from which they are, and the
 * smallest part they cut it into.
 */
export const MAX_AUTO_THREADS = 4;
export const AUTO_THREADS_MIN_MB = 16;
export const AUTO_PART_MB = 8;
/** Threads that can be asked for. */
const MAX_THREADS = 64;

export const USAGE = `Usage: tcpdump-lens [options] <file | ->

Annotates tcpdump text output: every TCP packet with its connection, the handshake or
teardown step and the state of both endpoints; then a table of the connections.

Arguments:
  <file>               a file holding tcpdump output (for example: tcpdump -n -r x.pcap > x.txt),
                       or a pcap/pcapng capture, read the way tcpdump -n -r prints it
  -                    read the output from standard input (tcpdump -l -n ... | tcpdump-lens -)

Options:
  -f, --format <fmt>   text (default): the log with an annotation under each TCP packet,
                                       followed by the connection table
                       json:           one JSON document (schema tcpdump-lens/1)
                       summary:        the connection table only
                       Input (text, or a capture rendered as it is read) is streamed,
                       never held whole: text and json read it twice (standard input
                       is copied to a temporary file), summary once
      --timestamps <t> how a capture file's timestamps are printed: time (default,
                       HH:MM:SS.ffffff), none (-t), epoch (-tt), delta-previous (-ttt),
                       date-time (-tttt), delta-first (-ttttt)
      --threads <n>    read a text file in n parts at once, each on a thread of its own
                       (default for files of ${AUTO_THREADS_MIN_MB} MB or more: one per CPU,
                       up to ${MAX_AUTO_THREADS}, parts of ${AUTO_PART_MB} MB or more; 1 reads
                       it in one part)
      --stats          print the size analysed and the throughput on stderr
                       (always done when stderr is a terminal)
      --progress       a progress bar on stderr even when it is not a terminal
      --no-progress    no progress bar (shown on stderr when it is a terminal)
      --color          colour the text output even when it is not a terminal
      --no-color       never colour the output (also: NO_COLOR=1)
  -h, --help           show this help
  -V, --version        show the version

Exit status: 0 when the input was analysed, 1 when it could not be read or holds no
tcpdump packets, 2 on a usage error.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = {
    input: null,
    format: 'text',
    color: null,
    timestamps: 'time',
    stats: false,
    progress: null,
    threads: null,
    help: false,
    version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') options.help = true;
    else if (arg === '-V' || arg === '--version') options.version = true;
    else if (arg === '--color') options.color = true;
    else if (arg === '--stats') options.stats = true;
    else if (arg === '--progress') options.progress = true;
    else if (arg === '--no-progress') options.progress = false;
    else if (arg === '--no-color') options.color = false;
    else if (arg === '--timestamps' || arg.startsWith('--timestamps=')) {
      const value = arg.startsWith('--timestamps=') ? arg.slice('--timestamps='.length) : argv[++i];
      if (!isTimestampStyle(value)) {
        return { ok: false, error: `--timestamps takes one of ${TIMESTAMP_STYLES.join(', ')}` };
      }
      options.timestamps = value;
    } else if (arg === '--threads' || arg.startsWith('--threads=')) {
      const value = arg.startsWith('--threads=') ? arg.slice('--threads='.length) : argv[++i];
      const threads = Number(value);
      if (value === undefined || !/^\d+$/.test(value) || threads < 1 || threads > MAX_THREADS)
        return { ok: false, error: `--threads takes a number from 1 to ${MAX_THREADS}` };
      options.threads = threads;
    } else if (arg === '-f' || arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.startsWith('--format=') ? arg.slice('--format='.length) : argv[++i];
      if (value === undefined)
        return { ok: false, error: `option ${arg} needs a value (${FORMATS.join(', ')})` };
      if (!(FORMATS as readonly string[]).includes(value)) {
        return { ok: false, error: `unknown format '${value}' (expected ${FORMATS.join(', ')})` };
      }
      options.format = value as CliOptions['format'];
    } else if (arg === '--') {
      if (i + 1 < argv.length) {
        if (options.input !== null || i + 2 < argv.length)
          return { ok: false, error: 'only one input file can be given' };
        options.input = argv[i + 1]!;
      }
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { ok: false, error: `unknown option '${arg}'` };
    } else {
      if (options.input !== null) return { ok: false, error: 'only one input file can be given' };
      options.input = arg;
    }
  }
  if (!options.help && !options.version && options.input === null) {
    return { ok: false, error: 'no input file given (use - to read standard input)' };
  }
  return { ok: true, options };
}
