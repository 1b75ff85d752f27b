'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { useSession } from '@/components/session/session-provider';

/** Where to go after signing in: the `next` parameter when it is a path of this app. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/session') ? next : '/dashboard';
}

/** Auth pages are for people who are not signed in: the others go on to the app. */
export function useSignedInRedirect() {
  const session = useSession();
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  useEffect(() => {
    if (session.status === 'signed-in') router.replace(next);
  }, [session.status, router, next]);
  return next;
}
