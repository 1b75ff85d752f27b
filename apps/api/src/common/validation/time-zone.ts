import { cityMapping } from 'city-timezones';

/**
 * IANA names as people write them: ICU's canonical list plus the current names it files under
 * older ones (Asia/Kolkata, Europe/Kyiv, from the bundled city data), keyed case-insensitively.
 */
const KNOWN_ZONES = new Map(
  [...Intl.supportedValuesOf('timeZone'), 'UTC', ...cityMapping.map((city) => city.timezone)]
    .filter((zone): zone is string => typeof zone === 'string' && zone.length > 0)
    .map((zone) => [zone.toLowerCase(), zone]),
);

/**
 * The canonical spelling of a zone name: `europe/berlin` → `Europe/Berlin`, an alias such as
 * `us/eastern` → `America/New_York`. Anything that is no zone is returned unchanged for the
 * validator to refuse.
 */
export function canonicalTimeZone(value: string): string {
  const known = KNOWN_ZONES.get(value.toLowerCase());
  if (known) return known;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return value;
  }
}
