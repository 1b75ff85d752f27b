'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionChange, refreshSession, type SignedOutReason, type User } from '@/lib/session/session-client';

export type SessionState =
  | { status: 'loading'; user: null }
  | { status: 'signed-out'; user: null; reason: SignedOutReason }
  | { status: 'signed-in'; user: User };

export const SessionContext = createContext<SessionState>({ status: 'loading', user: null });

/**
 * Who is signed in. On load the page has no token (it lives in memory only), so it asks
 * /session/refresh once: the httpOnly cookie says whether a session exists.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading', user: null });

  useEffect(() => {
    let lastUserId: string | null = null;
    const off = onSessionChange((session, reason = 'signed-out') => {
      const userId = session?.user.id ?? null;
      // Another person's data must never show from the cache, also when a session ended in between.
      if (userId !== null && lastUserId !== null && userId !== lastUserId) queryClient.clear();
      if (userId !== null) lastUserId = userId;
      setState(session ? { status: 'signed-in', user: session.user } : { status: 'signed-out', user: null, reason });
    });
    refreshSession()
      .catch(() => null)
      .then((session) => {
        if (!session)
          setState((current) =>
            current.status === 'signed-out' ? current : { status: 'signed-out', user: null, reason: 'signed-out' },
          );
      });
    return off;
  }, [queryClient]);

  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in user; only inside the (app) area, which renders nothing until there is one. */
export function useUser(): User {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser() outside a signed-in area');
  return session.user;
}

export function useRole() {
  const user = useUser();
  return useMemo(
    () => ({
      isAdmin: user.role === 'admin',
      isManager: user.role === 'manager',
      canManage: user.role === 'admin' || user.role === 'manager',
    }),
    [user.role],
  );
}
