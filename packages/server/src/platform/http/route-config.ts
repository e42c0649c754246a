import type { Permission } from '@qingyuan/shared';

/** Every /api route declares exactly one of these (a start-up check refuses to boot otherwise). */
export interface RouteAccess {
  /** The permission the caller needs. */
  permission?: Permission;
  /** Explicitly open to anyone (login, health). */
  public?: true;
  /** May be called while the session is restricted (password change due, TOTP enrolment due). */
  allowRestricted?: true;
  /**
   * Chinese names of this route's request fields where the shared FIELD_LABELS would name them wrongly (`code`,
   * `items` mean different things in different bodies). Keys: a dotted path without indices (`items.options.code`)
   * or a last segment (`code`); the path wins.
   */
  fieldLabels?: Readonly<Record<string, string>>;
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FastifyContextConfig extends RouteAccess {}
}
