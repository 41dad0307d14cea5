import type { TcpState } from '../analysis';

/** How the text report highlights things: ANSI colours on a terminal, nothing elsewhere. */
export interface Paint {
  state(state: TcpState, text: string): string;
  step(text: string): string;
  warning(text: string): string;
  dim(text: string): string;
}

export const plain: Paint = {
  state: (_s, text) => text,
  step: (text) => text,
  warning: (text) => text,
  dim: (text) => text,
};

const sgr = (code: string, text: string) => `\x1b[${code}m${text}\x1b[0m`;

function stateColour(state: TcpState): string {
  switch (state) {
    case 'ESTABLISHED':
      return '32'; // green
    case 'SYN_SENT':
    case 'SYN_RCVD':
      return '36'; // cyan
    case 'FIN_WAIT_1':
    case 'FIN_WAIT_2':
    case 'CLOSING':
    case 'TIME_WAIT':
      return '33'; // yellow
    case 'CLOSE_WAIT':
    case 'LAST_ACK':
      return '35'; // magenta
    case 'CLOSED':
      return '31'; // red
    default:
      return '2';
  }
}

export const ansi: Paint = {
  state: (s, text) => sgr(stateColour(s), text),
  step: (text) => sgr('1', text),
  warning: (text) => sgr('1;31', text),
  dim: (text) => sgr('2', text),
};
