/**
 * The one locale every date, time, number and amount is shown in: the browser's language, which
 * is where people choose it (the API keeps no per-user setting). British English before there is
 * a browser (server rendering), matching the app's own wording.
 */
export function displayLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-GB';
}
