import { createContext, use } from 'react';

/** The browser's language as the server learnt it from the request (Accept-Language). */
export const ServerLocale = createContext('en-GB');

/**
 * The one locale every date, time, number and amount is shown in: the browser's language, which
 * is where people choose it (the API keeps no per-user setting). On the server (the signed-in pages
 * render there when the trip is read on the server) it is the request's language, so that the
 * browser's first render shows the same text; British English when the server does not know it.
 */
export function displayLocale(): string {
  if (typeof window !== 'undefined') return navigator.language || 'en-GB';
  // Formatting on the server happens only while a page renders, where `use` may read a context.
  // eslint-disable-next-line react-hooks/rules-of-hooks
  return use(ServerLocale);
}
