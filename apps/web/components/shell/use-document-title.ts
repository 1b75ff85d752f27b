'use client';

import { useEffect } from 'react';

/**
 * Names the tab after what the page shows ("Berlin sales kick-off · NestMap") once it is known: most
 * pages read their data in the browser, so the server's title is generic (a trip page rendered on
 * the server already has its name, and keeps it when the trip is renamed).
 */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · NestMap`;
  }, [title]);
}
