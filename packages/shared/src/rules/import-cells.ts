/**
 * How the text of a spreadsheet cell becomes a request field, before the API's own contract validates it. Only
 * unambiguous forms are translated (a Chinese label to its code, 2024/3/5 to 2024-03-05, 是/否 to a boolean); anything
 * else is passed through unchanged so the contract refuses it with the same message the API gives.
 */

const DATE_FORMS = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** 2024/3/5, 2024.03.05, 2024年3月5日 → 2024-03-05; other text unchanged (the contract checks it). */
export function dateCell(text: string): string {
  const m = DATE_FORMS.exec(text.trim());
  if (!m) return text.trim();
  const [, y, mo, d] = m;
  return `${y ?? ''}-${(mo ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×']);

/** 是/否 (and a few usual spellings) → boolean; other text unchanged. */
export function yesNoCell(text: string): boolean | string {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return text.trim();
}

/** A whole number written as digits → number; other text unchanged (the contract refuses it). */
export function integerCell(text: string): number | string {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : t;
}

/** Several values in one cell, separated by commas, semicolons, 、 or line breaks. */
export function listCell(text: string): string[] {
  return text.split(/[,，;；、\n]/).map((v) => v.trim()).filter((v) => v !== '');
}

/** A code given by its Chinese label or by the code itself → the code; other text unchanged. */
export function codeCell(text: string, labels: Readonly<Record<string, string>>): string {
  const t = text.trim();
  if (t in labels) return t;
  const found = Object.entries(labels).find(([, label]) => label === t);
  return found ? found[0] : t;
}
