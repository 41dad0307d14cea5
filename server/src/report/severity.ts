import type { FindingCode } from '../analysis';

/** How loudly a finding is reported: LSP diagnostic severities, or not at all. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/**
 * The default severity of every finding, shared by the diagnostics and the sequence diagram's
 * colours (the user's `tcpdumpLens.diagnostics.severity` setting overrides it).
 */
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
