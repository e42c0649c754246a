import { randomUUID } from 'node:crypto';
import {
  MAX_SAVED_FILTERS_PER_USER,
  SAVED_FILTER_KEYS,
  type CreateSavedFilter,
  type Created,
  type Permission,
  type SavedFilterDto,
  type SavedFilterPage,
  type UpdateSavedFilter,
} from '@qingyuan/shared';
import type { ZodType } from 'zod';
import type { AuthedContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgMoveListener } from '../orgs/index.ts';
import * as repo from './saved-filters.repository.ts';

/** Who may use a page's filters: the permission of the list they filter. */
const PAGE_PERMISSION: Record<SavedFilterPage, Permission> = { worklist: 'supervision.read', persons: 'persons.read' };
const place = (id: string): string => `saved_filter.query_enc:${id}`;
const nameTaken = (name: string): string => `名称“${name}”已被您的其他常用筛选使用，请换一个名称`;

/** 常用筛选: named filter sets of the working-list and persons pages, own or shared with the owner's unit subtree. */
export class SavedFiltersService {
  private readonly cipher: FieldCipher;

  constructor(private readonly platform: Platform) {
    this.cipher = new FieldCipher(platform.keys);
  }

  readonly orgMoveListener: OrgMoveListener = (trx, oldPath, newPath) => repo.rewritePaths(trx, oldPath, newPath);

  private requirePage(ctx: AuthedContext, page: SavedFilterPage): void {
    if (!ctx.actor.permissions.has(PAGE_PERMISSION[page])) throw forbidden();
  }

  /** The page's filter keys only, each value checked as the page's own query checks it (400 `query.<key>`). */
  private checkQuery(page: SavedFilterPage, query: Record<string, string>): Record<string, string> {
    const allowed: Record<string, ZodType<string>> = SAVED_FILTER_KEYS[page];
    const checked: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) {
      const schema = Object.hasOwn(allowed, key) ? allowed[key] : undefined;
      if (!schema) throw invalidField(`query.${key}`, `不支持的筛选条件：${key.slice(0, 40)}`);
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw invalidField(`query.${key}`, parsed.error.issues[0]?.message ?? '筛选条件格式不正确');
      if (parsed.data !== '') checked[key] = parsed.data;
    }
    return checked;
  }

  private toDto(ctx: AuthedContext, f: repo.StoredSavedFilter): SavedFilterDto {
    const query = this.cipher.openJson(place(f.id), f.queryEnc) as Record<string, string>;
    return {
      id: f.id, page: f.page as SavedFilterPage, name: f.name, query, shared: f.shared, own: f.ownerId === ctx.actor.userId,
      ownerName: f.ownerName, orgUnitName: f.orgUnitName, updatedAt: f.updatedAt.toISOString(),
    };
  }

  async list(ctx: AuthedContext, page: SavedFilterPage): Promise<SavedFilterDto[]> {
    this.requirePage(ctx, page);
    const filters = await repo.visibleFilters(this.platform.db, { userId: ctx.actor.userId, orgPath: ctx.actor.orgPath }, page);
    return filters.map((f) => this.toDto(ctx, f));
  }

  async create(ctx: AuthedContext, input: CreateSavedFilter): Promise<Created> {
    this.requirePage(ctx, input.page);
    const query = this.checkQuery(input.page, input.query);
    const id = randomUUID();
    try {
      await this.platform.db.transaction().execute(async (trx) => {
        await repo.lockOwner(trx, ctx.actor.userId);
        if (await repo.countOwn(trx, ctx.actor.userId) >= MAX_SAVED_FILTERS_PER_USER) {
          throw conflict(`每人最多保存${MAX_SAVED_FILTERS_PER_USER}个常用筛选，请先删除不再使用的筛选`, 'name');
        }
        const keys = Object.keys(query).sort();
        await repo.insertFilter(trx, {
          id, ownerId: ctx.actor.userId, orgUnitId: ctx.actor.orgUnitId, orgPath: ctx.actor.orgPath, page: input.page, name: input.name,
          queryEnc: this.cipher.sealJson(place(id), query), queryKeys: keys, shared: input.shared,
        }, this.platform.clock.now());
        // Keys, never values: a persons search term may be part of a name.
        await this.platform.audit.append(trx, ctx, {
          action: 'saved_filter.created', entityType: 'saved_filter', entityId: id, changes: { page: input.page, keys, shared: input.shared },
        });
      });
    } catch (error) {
      if (uniqueViolation(error) === 'saved_filter_owner_page_name') throw conflict(nameTaken(input.name), 'name');
      throw error;
    }
    return { id };
  }

  async update(ctx: AuthedContext, id: string, input: UpdateSavedFilter): Promise<{ ok: true }> {
    if (input.name === undefined && input.shared === undefined) throw invalidField('name', '请填写新名称或共享设置');
    try {
      await this.platform.db.transaction().execute(async (trx) => {
        const own = await repo.ownFilter(trx, ctx.actor.userId, id);
        if (!own) throw notFound();
        const set = {
          ...(input.name !== undefined && input.name !== own.name ? { name: input.name } : {}),
          ...(input.shared !== undefined && input.shared !== own.shared ? { shared: input.shared } : {}),
        };
        if (Object.keys(set).length === 0) return;
        await repo.updateFilter(trx, id, set, this.platform.clock.now());
        await this.platform.audit.append(trx, ctx, {
          action: 'saved_filter.updated', entityType: 'saved_filter', entityId: id,
          changes: { ...(set.name !== undefined ? { name: 'changed' } : {}), ...(set.shared !== undefined ? { shared: set.shared } : {}) },
        });
      });
    } catch (error) {
      if (uniqueViolation(error) === 'saved_filter_owner_page_name' && input.name !== undefined) throw conflict(nameTaken(input.name), 'name');
      throw error;
    }
    return { ok: true };
  }

  async remove(ctx: AuthedContext, id: string): Promise<{ ok: true }> {
    await this.platform.db.transaction().execute(async (trx) => {
      const own = await repo.ownFilter(trx, ctx.actor.userId, id);
      if (!own) throw notFound();
      await repo.deleteFilter(trx, id);
      await this.platform.audit.append(trx, ctx, { action: 'saved_filter.deleted', entityType: 'saved_filter', entityId: id, changes: { page: own.page } });
    });
    return { ok: true };
  }
}
