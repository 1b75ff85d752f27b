import { formatWaited, hasWaitedLong } from './waited';

const now = new Date('2026-03-10T12:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('formatWaited', () => {
  it.each([
    [0, 'less than a minute'],
    [12, '12 min'],
    [59, '59 min'],
    [60, '1 h'],
    [47 * 60 + 59, '47 h'],
    [48 * 60, '2 days'],
    [10 * 24 * 60, '10 days'],
  ])('%p minutes ago → %p', (minutes, text) => {
    expect(formatWaited(ago(minutes), now)).toBe(text);
  });

  it('never shows a negative wait for a clock a little ahead', () => {
    expect(formatWaited(ago(-5), now)).toBe('less than a minute');
  });

  it('calls two days long', () => {
    expect(hasWaitedLong(ago(47 * 60), now)).toBe(false);
    expect(hasWaitedLong(ago(48 * 60), now)).toBe(true);
  });
});
