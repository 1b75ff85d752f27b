import { accountDelayMs, judgeLogin, LoginLimits, MAX_DELAY_MS } from './login-policy';

const limits: LoginLimits = { windowMs: 900_000, perAccountAndAddress: 10, perAddress: 20, perAccountBeforeDelay: 10 };
const count = (attempts: number, resetsInMs = 600_000) => ({ attempts, resetsInMs });

describe('login policy', () => {
  it('lets attempts through untouched below every limit', () => {
    expect(judgeLogin({ address: count(20), pair: count(10), account: count(10) }, limits)).toEqual({
      spacingMs: 0,
      waitsForTurn: false,
    });
  });

  it('refuses an address past its limit across accounts, and a pair past its limit, until their window ends', () => {
    expect(judgeLogin({ address: count(21, 1234), pair: count(1), account: count(1) }, limits)).toEqual({
      refuseForMs: 1234,
    });
    expect(judgeLogin({ address: count(11), pair: count(11, 4321), account: count(11) }, limits)).toEqual({
      refuseForMs: 4321,
    });
  });

  it('past the account threshold, makes an address that already failed on it wait a turn, and lets a fresh address straight through', () => {
    expect(judgeLogin({ address: count(3), pair: count(3), account: count(11) }, limits)).toEqual({
      spacingMs: 2000,
      waitsForTurn: true,
    });
    expect(judgeLogin({ address: count(1), pair: count(1), account: count(500) }, limits)).toEqual({
      spacingMs: MAX_DELAY_MS,
      waitsForTurn: false,
    });
  });

  it('spaces attempts out once an account has more failures than its threshold: 2 s, doubling, at most 60 s', () => {
    expect([0, 10, 11, 12, 13, 15, 16, 17, 1000].map((failures) => accountDelayMs(failures, limits))).toEqual([
      0,
      0,
      2000,
      4000,
      8000,
      32_000,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
    ]);
  });
});
