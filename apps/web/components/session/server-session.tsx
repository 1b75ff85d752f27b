'use client';

import { useMemo, type ReactNode } from 'react';
import { ServerLocale } from '@/lib/format/locale';
import type { User } from '@/lib/session/session-client';
import { SessionContext, useSession, type SessionState } from './session-provider';

const sameUser = (a: User, b: User) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What the server knew when it rendered the signed-in frame: the user of the trip pages' access
 * cookie (null without one) and the browser's language. Until the page's own refresh answers, that
 * user stands in, so the server HTML holds the page rather than a spinner; while the refresh names
 * the same user the tree is not rendered again for it.
 */
export function ServerSession({ user, locale, children }: { user: User | null; locale: string; children: ReactNode }) {
  const session = useSession();
  const seeded = useMemo<SessionState | null>(() => (user ? { status: 'signed-in', user } : null), [user]);
  const value =
    seeded?.user &&
    (session.status === 'loading' || (session.status === 'signed-in' && sameUser(session.user, seeded.user)))
      ? seeded
      : session;
  return (
    <ServerLocale value={locale}>
      <SessionContext value={value}>{children}</SessionContext>
    </ServerLocale>
  );
}
