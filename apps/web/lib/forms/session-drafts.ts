/**
 * What someone typed when their session ended, kept for this tab only (sessionStorage) until
 * they sign in again, and given back only to the same person: a colleague who signs in on the
 * same computer never sees it. Taking a draft removes it.
 */
const PREFIX = 'nestmap:draft:';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface StoredDraft {
  userId: string;
  savedAt: number;
  values: unknown;
}

export function saveDraft(userId: string, key: string, values: unknown, now = Date.now()): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify({ userId, savedAt: now, values } satisfies StoredDraft));
  } catch {
    // Storage full or disabled: nothing to keep, the sign-in still works.
  }
}

export function takeDraft<T>(userId: string, key: string, now = Date.now()): T | null {
  let stored: StoredDraft | null = null;
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    sessionStorage.removeItem(PREFIX + key);
    stored = raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    return null;
  }
  if (!stored || stored.userId !== userId || now - stored.savedAt > MAX_AGE_MS) return null;
  return stored.values as T;
}

/** Keys of the drafts waiting under a prefix (e.g. an open activity form of one trip), without taking them. */
export function draftKeys(prefix: string): string[] {
  try {
    return Object.keys(sessionStorage)
      .filter((key) => key.startsWith(PREFIX + prefix))
      .map((key) => key.slice(PREFIX.length));
  } catch {
    return [];
  }
}

/** On a deliberate sign-out nothing typed is kept. */
export function clearDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}
