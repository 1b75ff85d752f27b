export interface Noun {
  one: string;
  other: string;
}

const rules = new Map<string, Intl.PluralRules>();

/** "1 trip", "3 trips", "0 trips": the count with the noun in the form English needs for it. */
export function countOf(count: number, noun: Noun, locale = 'en'): string {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return `${count.toLocaleString(locale)} ${rule.select(count) === 'one' ? noun.one : noun.other}`;
}
