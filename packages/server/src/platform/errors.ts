/** Typed errors with a Chinese title; the HTTP error handler renders them as application/problem+json. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'account_locked'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'restricted_session'
  | 'precondition_failed'
  | 'precondition_required'
  | 'internal';

export interface FieldError {
  field: string;
  message: string;
}

/** Extension members of a problem (RFC 9457 §3.2), e.g. the existing record a duplicate points to. */
export interface ProblemExtensions {
  existingId?: string;
  /** A duplicate ID number of an archived person, told to archive readers only (恢复管控). */
  archivedId?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly title: string,
    readonly errors?: FieldError[],
    readonly extensions?: ProblemExtensions,
  ) {
    super(title);
  }
}

export const notFound = (): DomainError => new DomainError('not_found', 404, '记录不存在或无权访问');
export const forbidden = (title = '无权执行此操作'): DomainError => new DomainError('forbidden', 403, title);
export const conflict = (title: string, field?: string): DomainError =>
  new DomainError('conflict', 409, title, field ? [{ field, message: title }] : undefined);
export const invalidField = (field: string, message: string): DomainError =>
  new DomainError('validation', 400, `输入有误：${message}`, [{ field, message }]);
/** 412: the record changed since the caller read it (optimistic locking with If-Match, SECURITY.md §26). */
export const staleVersion = (): DomainError =>
  new DomainError('precondition_failed', 412, '该记录已被他人修改，请刷新后重新编辑', [{ field: 'if-match', message: '版本已过期' }]);
/** 428: an edit that must say which version it edits. */
export const versionRequired = (): DomainError =>
  new DomainError('precondition_required', 428, '请提供要修改的记录版本（If-Match）', [{ field: 'if-match', message: '缺少版本号' }]);
