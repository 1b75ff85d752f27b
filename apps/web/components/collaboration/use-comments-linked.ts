'use client';

import { useSyncExternalStore } from 'react';
import { activityOfCommentsHash } from '@/lib/api/collaboration';

const onHashChange = (notify: () => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

/** Whether the address points at an activity's comments (`#comments-<id>`): the thread must be on the page. */
export function useCommentsLinked(): boolean {
  return useSyncExternalStore(
    onHashChange,
    () => activityOfCommentsHash(window.location.hash) !== null,
    () => false,
  );
}
