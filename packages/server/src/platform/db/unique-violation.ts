/** The constraint (unique index) name of a PostgreSQL unique violation (SQLSTATE 23505), else null. */
export function uniqueViolation(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== '23505') return null;
  return 'constraint' in error && typeof error.constraint === 'string' ? error.constraint : '';
}
