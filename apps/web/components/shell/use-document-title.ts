'use client';

import { useEffect } from 'react';

/**
 * Names the tab after what the page shows ("Berlin sales kick-off · NestMap") once it is known: the
 * data arrives in the browser (the token never reaches the server), so the server's title is generic.
 */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · NestMap`;
  }, [title]);
}
