import { z } from 'zod';
import { plainText } from './common.ts';
import { PERSON_STATUSES } from './persons.ts';
import { WORKLISTS } from './supervision.ts';

/** 常用筛选: a named set of list filters (what the page's URL query holds), the user's own or shared with their unit. */

export const SAVED_FILTER_PAGES = ['worklist', 'persons'] as const;
export type SavedFilterPage = (typeof SAVED_FILTER_PAGES)[number];
export const SAVED_FILTER_PAGE_LABELS: Record<SavedFilterPage, string> = { worklist: '工作清单', persons: '人员列表' };
export const MAX_SAVED_FILTERS_PER_USER = 50;

const Uuid = (label: string) => z.uuid(`${label}格式不正确`);

/**
 * The filter keys each page may store, with the same checks as the page's own query. Paging is not a filter.
 * The persons search term is a name part only: an ID number is refused (a saved filter would keep it in clear).
 */
export const SAVED_FILTER_KEYS = {
  worklist: {
    list: z.enum(WORKLISTS, '清单类型不在允许范围内'),
    orgUnitId: Uuid('单位编号'),
  },
  persons: {
    q: plainText().min(1, '关键词不能为空').max(50, '关键词最多50个字符').refine((v) => !/\d{6}/.test(v), '常用筛选不能保存身份证号等证件号码'),
    orgUnitId: Uuid('单位编号'),
    status: z.enum(PERSON_STATUSES, '人员状态不在允许范围内'),
  },
} as const satisfies Record<SavedFilterPage, Record<string, z.ZodType<string>>>;

const Name = plainText().min(1, '请填写名称').max(40, '名称最多40个字符');
/** String values only (as in a URL query); which keys a page allows is checked by the server against SAVED_FILTER_KEYS. */
const Query = z.record(z.string().max(100, '筛选条件最多100个字符'), z.string('筛选条件的值应为文本').max(200, '筛选条件的值最多200个字符'), '筛选条件格式不正确');

export const CreateSavedFilter = z.object({
  page: z.enum(SAVED_FILTER_PAGES, '页面不在允许范围内'),
  name: Name,
  query: Query,
  shared: z.boolean('共享应为是或否').default(false),
});
export type CreateSavedFilter = z.infer<typeof CreateSavedFilter>;

/** Rename (and/or share or stop sharing) — the stored query never changes: save a new filter instead. */
export const UpdateSavedFilter = z.object({
  name: Name.optional(),
  shared: z.boolean('共享应为是或否').optional(),
});
export type UpdateSavedFilter = z.infer<typeof UpdateSavedFilter>;

export const SavedFilterListQuery = z.object({
  page: z.enum(SAVED_FILTER_PAGES, '页面不在允许范围内'),
});
export type SavedFilterListQuery = z.infer<typeof SavedFilterListQuery>;

export const SavedFilterDto = z.object({
  id: z.uuid(),
  page: z.enum(SAVED_FILTER_PAGES),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  shared: z.boolean(),
  /** The caller's own filter (only the owner renames or deletes). */
  own: z.boolean(),
  ownerName: z.string(),
  orgUnitName: z.string(),
  updatedAt: z.string(),
});
export type SavedFilterDto = z.infer<typeof SavedFilterDto>;
