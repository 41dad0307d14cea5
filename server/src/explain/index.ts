// Explanations of packets, states, steps and findings, in English and Simplified Chinese.
// Pure like analysis/: text in, text out.
export type { AnalysisIndex } from './analysisIndex';
export { indexAnalysis } from './analysisIndex';
export type { HoverText } from './hover';
export { hoverAt, lineExplanation, escapeMarkdown } from './hover';
export { LOCALES, messagesFor, resolveLocale } from './locale';
export type { FindingText, Locale, Messages } from './messages';
