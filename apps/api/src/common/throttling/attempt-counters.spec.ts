import { AttemptCounters } from './attempt-counters';

describe('attempt counters (in memory)', () => {
  let counters: AttemptCounters;
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    counters = new AttemptCounters(undefined, 'test:');
  });
  afterEach(() => {
    counters.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('counts attempts per key in a fixed window that starts with the first one', async () => {
    expect(await counters.add(['a', 'b'], 10_000)).toEqual([
      { attempts: 1, resetsInMs: 10_000 },
      { attempts: 1, resetsInMs: 10_000 },
    ]);
    jest.advanceTimersByTime(4_000);
    expect(await counters.add(['a'], 10_000)).toEqual([{ attempts: 2, resetsInMs: 6_000 }]);
    jest.advanceTimersByTime(6_000);
    expect(await counters.add(['a'], 10_000)).toEqual([{ attempts: 1, resetsInMs: 10_000 }]);
  });

  it('takes attempts back only from running windows, and clears keys', async () => {
    await counters.add(['a', 'b'], 10_000);
    await counters.add(['a'], 10_000);
    await counters.remove(['a', 'never-counted']);
    expect(await counters.add(['a', 'never-counted'], 10_000)).toEqual([
      { attempts: 2, resetsInMs: 10_000 },
      { attempts: 1, resetsInMs: 10_000 },
    ]);
    await counters.clear(['a']);
    expect(await counters.add(['a', 'b'], 10_000)).toEqual([
      { attempts: 1, resetsInMs: 10_000 },
      { attempts: 2, resetsInMs: 10_000 },
    ]);
  });

  it('gives a turn to one caller at a time, for its duration', async () => {
    expect(await counters.acquire('turn', 2_000)).toBe(0);
    jest.advanceTimersByTime(500);
    expect(await counters.acquire('turn', 2_000)).toBe(1_500);
    jest.advanceTimersByTime(1_500);
    expect(await counters.acquire('turn', 4_000)).toBe(0);
  });
});
