import { en } from './en';
import type { Locale, Messages } from './messages';
import { zhCN } from './zhCN';

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/**
 * The explanation language: the `tcpdumpLens.language` setting when it names one, otherwise the
 * editor's display language (`zh-cn`, `zh-hans`, `zh` → Chinese), otherwise English.
 */
export function resolveLocale(
  setting: string | null | undefined,
  displayLanguage: string | null | undefined,
): Locale {
  if (setting === 'en' || setting === 'zh-CN') return setting;
  const lang = (displayLanguage ?? '').toLowerCase();
  if (lang === 'zh' || lang.startsWith('zh-cn') || lang.startsWith('zh-hans') || lang === 'zh-sg')
    return 'zh-CN';
  return 'en';
}

export function messagesFor(locale: Locale): Messages {
  return locale === 'zh-CN' ? zhCN : en;
}
