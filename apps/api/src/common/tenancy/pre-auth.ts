/**
 * Marks a statement as an intentional read or write without an organization scope: a look-up
 * before sign-in (login, refresh, invitation acceptance, password reset, a calendar feed's token)
 * or by the primary key of a user already identified by a verified token. Only the classes named
 * `PreAuth…` (and the refresh-token store) use it, and the tenancy e2e allows exactly the
 * statements that carry it (docs/access.md).
 */
export const PRE_AUTH = 'nestmap:pre-auth';

/** Raw SQL with the pre-auth mark (TypeORM's `comment` option does the same for its queries). */
export function preAuthSql(sql: string): string {
  return `/* ${PRE_AUTH} */ ${sql}`;
}
