import type { FindingCode } from '../analysis';

import type { SeverityName } from '../report/severity';
import { DEFAULT_SEVERITY } from '../report/severity';

export type { SeverityName };
export { DEFAULT_SEVERITY };

/** The `tcpdumpLens.*` settings the server uses (package.json declares and documents them). */
export interface Settings {
  language: 'auto' | 'en' | 'zh-CN';
  inlayHints: { enabled: boolean; style: 'full' | 'compact' };
  diagnostics: {
    enabled: boolean;
    severity: Partial<Record<FindingCode, SeverityName>>;
    /** Most diagnostics sent for one file, the most severe first; 0 for no limit. */
    maxPerFile: number;
  };
  codeLens: { enabled: boolean };
  directionColors: { enabled: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  inlayHints: { enabled: true, style: 'full' },
  // VS Code keeps no more than 1,000 of an extension's diagnostics per file.
  diagnostics: { enabled: true, severity: {}, maxPerFile: 1000 },
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
    const max = diagnostics['maxPerFile'];
    if (typeof max === 'number' && Number.isInteger(max) && max >= 0)
      s.diagnostics.maxPerFile = max;
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
