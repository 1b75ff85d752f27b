/**
 * The first language of an Accept-Language header ("en-US,en;q=0.9" → "en-US"), which is the
 * browser's `navigator.language`; British English when there is none or it is not a locale.
 */
export function acceptedLocale(header: string | null | undefined): string {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  if (!first || first === '*') return 'en-GB';
  try {
    return Intl.getCanonicalLocales(first)[0] ?? 'en-GB';
  } catch {
    return 'en-GB';
  }
}
