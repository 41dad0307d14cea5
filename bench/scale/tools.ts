// The commands timed side by side: the CLI on tcpdump's text, the usual tools on the pcap, and
// `wc -l` as the floor (reading the text and nothing else).
import { outputOf, which } from './proc';
import { cliBundle } from './paths';
import type { BuildStatus } from './build';

export type ToolId = 'cli' | 'tcptrace' | 'tsharkConv' | 'tsharkFlags' | 'wc';

export interface Tool {
  id: ToolId;
  /** The command line as shown in the table, X standing for the input. */
  label: string;
  input: 'text' | 'pcap';
  command: string;
  args(input: string): string[];
  /** null when the tool can be run; otherwise why not. */
  unavailable: string | null;
  version: string | null;
}

function firstMatch(text: string, pattern: RegExp): string | null {
  return pattern.exec(text)?.[1] ?? null;
}

/** The tools in table order, each with whether it can run here and its version. */
export function detectTools(build: BuildStatus): Tool[] {
  const missing = (command: string, pkg: string) =>
    which(command) ? null : `${command} not installed (apt-get install -y ${pkg})`;
  const tshark = missing('tshark', 'tshark');
  const tsharkVersion = tshark
    ? null
    : firstMatch(outputOf('tshark', ['--version']), /TShark \(Wireshark\) (\S+)/);
  return [
    {
      id: 'cli',
      label: 'tcpdump-lens --format summary X.tcpdump',
      input: 'text',
      command: process.execPath,
      args: (input) => [cliBundle, '--format', 'summary', input],
      unavailable: build.missing ?? null,
      version: build.missing
        ? null
        : outputOf(process.execPath, [cliBundle, '--version']).trim() || null,
    },
    {
      id: 'tcptrace',
      label: 'tcptrace -n X.pcap',
      input: 'pcap',
      command: 'tcptrace',
      args: (input) => ['-n', input],
      unavailable: missing('tcptrace', 'tcptrace'),
      version: which('tcptrace') ? firstMatch(outputOf('tcptrace', ['-v']), /version (\S+)/) : null,
    },
    {
      id: 'tsharkConv',
      label: 'tshark -r X.pcap -q -z conv,tcp',
      input: 'pcap',
      command: 'tshark',
      args: (input) => ['-r', input, '-q', '-z', 'conv,tcp'],
      unavailable: tshark,
      version: tsharkVersion,
    },
    {
      id: 'tsharkFlags',
      label: 'tshark -r X.pcap -T fields -e tcp.analysis.flags',
      input: 'pcap',
      command: 'tshark',
      args: (input) => ['-r', input, '-T', 'fields', '-e', 'tcp.analysis.flags'],
      unavailable: tshark,
      version: tsharkVersion,
    },
    {
      id: 'wc',
      label: 'wc -l X.tcpdump (floor)',
      input: 'text',
      command: 'wc',
      args: (input) => ['-l', input],
      unavailable: missing('wc', 'coreutils'),
      version: which('wc') ? firstMatch(outputOf('wc', ['--version']), /^wc \(.*?\) (\S+)/m) : null,
    },
  ];
}
