'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useSession } from '@/components/session/session-provider';

/** Where to go after signing in: the `next` parameter when it is a path of this app. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/session') ? next : '/dashboard';
}

/**
 * Auth pages are for people who are not signed in: those who arrive signed in go on to the app.
 * Someone who signs in, up or accepts an invitation here is sent on by that form (sign-up to the
 * welcome banner), so this hook stays out of the way once the page has seen them signed out.
 */
export function useSignedInRedirect() {
  const session = useSession();
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const seenSignedOut = useRef(false);
  useEffect(() => {
    if (session.status === 'signed-out') seenSignedOut.current = true;
    else if (session.status === 'signed-in' && !seenSignedOut.current) router.replace(next);
  }, [session.status, router, next]);
  return next;
}
