import type { FindingCode } from '../analysis';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The `tcpdumpLens.*` settings the server uses (package.json declares and documents them). */
export interface Settings {
  language: 'auto' | 'en' | 'zh-CN';
  inlayHints: { enabled: boolean; style: 'full' | 'compact' };
  diagnostics: { enabled: boolean; severity: Partial<Record<FindingCode, SeverityName>> };
  codeLens: { enabled: boolean };
  directionColors: { enabled: boolean };
}

export const DEFAULT_SEVERITY: Record<FindingCode, SeverityName> = {
  refused: 'error',
  syn_unanswered: 'error',
  rst: 'warning',
  syn_retransmission: 'warning',
  retransmission: 'warning',
  half_open_handshake: 'warning',
  close_wait_at_end: 'warning',
  last_ack_at_end: 'warning',
  zero_window: 'warning',
  fin_wait_2_at_end: 'information',
  duplicate_ack: 'information',
  fast_retransmission: 'warning',
  spurious_retransmission: 'information',
  out_of_order: 'information',
  lost_segment: 'information',
  ack_lost_segment: 'information',
  zero_window_probe: 'information',
  zero_window_probe_ack: 'information',
  window_full: 'information',
  window_update: 'hint',
  syn_in_established: 'warning',
  ack_wrong_direction: 'warning',
  data_after_fin: 'warning',
  data_after_rst: 'warning',
  rst_unexpected_seq: 'warning',
  fin_unexpected_seq: 'warning',
  keep_alive_unanswered: 'error',
  half_close_data: 'hint',
  syn_flood: 'error',
  port_scan: 'warning',
  time_wait_pileup: 'warning',
  reused_ports: 'information',
  keep_alive: 'hint',
  keep_alive_ack: 'hint',
  midstream: 'hint',
  unrecognised_line: 'hint',
};

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  inlayHints: { enabled: true, style: 'full' },
  diagnostics: { enabled: true, severity: {} },
  codeLens: { enabled: true },
  directionColors: { enabled: true },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Merges what the client sent over the defaults, ignoring values of the wrong type. */
export function readSettings(raw: unknown): Settings {
  const s = structuredClone(DEFAULT_SETTINGS);
  if (!isObject(raw)) return s;
  if (raw['language'] === 'en' || raw['language'] === 'zh-CN' || raw['language'] === 'auto')
    s.language = raw['language'];
  const hints = raw['inlayHints'];
  if (isObject(hints)) {
    if (typeof hints['enabled'] === 'boolean') s.inlayHints.enabled = hints['enabled'];
    if (hints['style'] === 'full' || hints['style'] === 'compact')
      s.inlayHints.style = hints['style'];
  }
  const diagnostics = raw['diagnostics'];
  if (isObject(diagnostics)) {
    if (typeof diagnostics['enabled'] === 'boolean') s.diagnostics.enabled = diagnostics['enabled'];
    const severity = diagnostics['severity'];
    if (isObject(severity)) {
      for (const [code, value] of Object.entries(severity)) {
        if (
          code in DEFAULT_SEVERITY &&
          ['error', 'warning', 'information', 'hint', 'off'].includes(String(value))
        ) {
          s.diagnostics.severity[code as FindingCode] = value as SeverityName;
        }
      }
    }
  }
  const lens = raw['codeLens'];
  if (isObject(lens) && typeof lens['enabled'] === 'boolean') s.codeLens.enabled = lens['enabled'];
  const colors = raw['directionColors'];
  if (isObject(colors) && typeof colors['enabled'] === 'boolean')
    s.directionColors.enabled = colors['enabled'];
  return s;
}

export function severityOf(settings: Settings, code: FindingCode): SeverityName {
  return settings.diagnostics.severity[code] ?? DEFAULT_SEVERITY[code];
}
