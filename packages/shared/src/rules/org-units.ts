/** Org unit kinds, which parent each may hang under, and administrative division code rules (GB/T 2260 + 12-digit statistical codes). */
export const ORG_KINDS = [
  'district',
  'township',
  'street',
  'village',
  'community',
  'grid',
  'department',
  'policeStation',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  district: '区/县',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
  grid: '网格',
  department: '成员单位',
  policeStation: '公安派出所/禁毒大队',
};

const AREA_PARENTS: Record<OrgKind, readonly OrgKind[]> = {
  district: [],
  township: ['district'],
  street: ['district'],
  village: ['township', 'street'],
  community: ['township', 'street'],
  grid: ['village', 'community'],
  department: ['district', 'township', 'street'],
  policeStation: ['district', 'township', 'street'],
};

export function allowedParentKinds(kind: OrgKind): readonly OrgKind[] {
  return AREA_PARENTS[kind];
}

/** Chinese problem when `kind` may not hang under `parentKind` (null parent = root), else null. */
export function parentKindProblem(kind: OrgKind, parentKind: OrgKind | null): string | null {
  const allowed = AREA_PARENTS[kind];
  if (parentKind === null) return allowed.length === 0 ? null : `${ORG_KIND_LABELS[kind]}必须有上级单位`;
  if (allowed.includes(parentKind)) return null;
  if (allowed.length === 0) return `${ORG_KIND_LABELS[kind]}只能作为顶级单位`;
  return `${ORG_KIND_LABELS[kind]}的上级必须是${allowed.map((k) => ORG_KIND_LABELS[k]).join('或')}`;
}

/** Province-level prefixes in GB/T 2260 (11 Beijing … 82 Macao). */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/** Kinds that carry an administrative division code. */
export function kindHasDivisionCode(kind: OrgKind): boolean {
  return kind === 'district' || kind === 'township' || kind === 'street' || kind === 'village' || kind === 'community';
}

/**
 * Validates a division code for a unit of `kind` under a parent with `parentCode` (if the parent has one).
 * district: 6 digits (GB/T 2260), a real province prefix, city and county parts not 00.
 * township/street: 12 digits, first 6 = the district's, digits 7–9 not 000, last 3 = 000.
 * village/community: 12 digits, first 9 = the township's, last 3 not 000.
 */
export function divisionCodeProblem(kind: OrgKind, code: string, parentCode: string | null): string | null {
  if (!kindHasDivisionCode(kind)) return `${ORG_KIND_LABELS[kind]}不设行政区划代码`;
  if (kind === 'district') {
    if (!/^\d{6}$/.test(code)) return '区县行政区划代码应为6位数字';
    if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return '行政区划代码的省级部分不存在';
    if (code.slice(2, 4) === '00') return '行政区划代码应为县级代码（第3至4位不能为00）';
    if (code.slice(4, 6) === '00') return '行政区划代码应为县级代码（末两位不能为00）';
    return null;
  }
  if (!/^\d{12}$/.test(code)) return '乡镇及以下统计用区划代码应为12位数字';
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return '行政区划代码的省级部分不存在';
  if (kind === 'township' || kind === 'street') {
    if (code.slice(6, 9) === '000' || code.slice(9) !== '000') return '乡镇/街道代码第7至9位不能为000，末三位应为000';
    if (parentCode && code.slice(0, 6) !== parentCode.slice(0, 6)) return '乡镇/街道代码前6位应与所属区县代码一致';
    return null;
  }
  if (code.slice(6, 9) === '000') return '村/社区代码第7至9位（所属乡镇/街道）不能为000';
  if (code.slice(9) === '000') return '村/社区代码末三位不能为000';
  if (parentCode && code.slice(0, 9) !== parentCode.slice(0, 9)) return '村/社区代码前9位应与所属乡镇/街道代码一致';
  return null;
}
