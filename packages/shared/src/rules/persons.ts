/** Pure rules of the person registry: ethnic groups, phone numbers, age, and masking of free-text addresses. */

/** The 56 ethnic groups in the order of GB/T 3304, plus 其他 (naturalised citizens, undetermined). */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** A mainland mobile (11 digits from 13–19) or a landline with its area code (0xx(x)-xxxxxxx(x)). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Full years between a birth date and a day (both YYYY-MM-DD): what lists show instead of the birth date. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return Math.max(0, ty - by - (hadBirthday ? 0 : 1));
}

/**
 * `示范区清源街道****`: the beginning of an address (roughly down to the township) and a fixed mask, so neither the
 * house number nor the length of the rest shows.
 */
export function maskAddress(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length === 0) return '';
  const keep = Math.min(8, Math.floor(chars.length / 2));
  return `${chars.slice(0, keep).join('')}****`;
}

/** Kinds of unit that can be a person's responsible unit: the township that executes the measures, or below it. */
export const PERSON_UNIT_KINDS = ['township', 'street', 'village', 'community', 'grid'] as const;

export function personUnitProblem(kind: string): string | null {
  return (PERSON_UNIT_KINDS as readonly string[]).includes(kind) ? null : '责任单位应为乡镇（街道）、村（社区）或网格';
}
