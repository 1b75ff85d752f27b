/** "12 min", "5 h", "3 days": how long something has waited, to the unit people care about. */
export function formatWaited(since: string | Date, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** Two working days without a decision is long enough for the queue to point it out. */
export function hasWaitedLong(since: string | Date, now: Date = new Date()): boolean {
  return now.getTime() - new Date(since).getTime() >= 2 * 24 * 60 * 60_000;
}
