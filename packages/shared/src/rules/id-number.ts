/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 6-digit division code, 8-digit birth date, 3-digit
 * sequence (odd = male), 1 check character by ISO 7064 MOD 11-2. Pure: used by forms and the server alike.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_MAP = '10X98765432';
// GB/T 2260 province-level prefixes (11 Beijing … 65 Xinjiang, 71 Taiwan, 81/82 Hong Kong/Macao).
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);
const EARLIEST_BIRTH = '1900-01-01';

export type Sex = 'male' | 'female';

export interface IdNumberFacts {
  divisionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
}

/** The check character the first 17 digits call for. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_MAP.charAt(sum % 11);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Upper-cases a trailing x and strips spaces, the two slips people make typing a number. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * A Chinese problem with an ID number, or null when valid. `today` (YYYY-MM-DD) bounds the birth date.
 */
export function idNumberProblem(value: string, today: string): string | null {
  const id = normalizeIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位，前17位为数字，末位为数字或X';
  if (!PROVINCES.has(id.slice(0, 2))) return '身份证号前6位不是有效的行政区划代码';
  if (id.slice(2, 4) === '00' && id.slice(4, 6) !== '00') return '身份证号前6位不是有效的行政区划代码';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isRealDate(year, month, day)) return '身份证号中的出生日期不是真实日期';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birth < EARLIEST_BIRTH || birth > today) return '身份证号中的出生日期不在合理范围内';
  if (idNumberCheckCharacter(id.slice(0, 17)) !== id.charAt(17)) return '身份证号校验位不正确，请核对';
  return null;
}

/** Division code, birth date and sex of a valid number (null when invalid): derived, never typed twice. */
export function parseIdNumber(value: string, today: string): IdNumberFacts | null {
  const id = normalizeIdNumber(value);
  if (idNumberProblem(id, today) !== null) return null;
  return {
    divisionCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

/** `3405**********001X`: the first four and last four characters; the birth date is never shown. */
export function maskIdNumber(value: string): string {
  const id = normalizeIdNumber(value);
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** `138****5678` for an 11-digit mobile; other numbers keep their first 3 and last 4 characters. */
export function maskPhone(value: string): string {
  const phone = value.replace(/\s+/g, '');
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** A valid, fictional number from a division code, birth date and sequence (demo data and tests only). */
export function composeIdNumber(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${divisionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}
