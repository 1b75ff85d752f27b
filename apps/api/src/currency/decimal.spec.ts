import { convertToCents, crossRate, formatCents, fromScaled, isSaneRate, toScaled } from './decimal';

describe('decimal money arithmetic', () => {
  it('scales decimal strings exactly, rounding extra places half-up', () => {
    expect(toScaled('12.5', 2)).toBe(1250n);
    expect(toScaled('0.005', 2)).toBe(1n);
    expect(toScaled('0.004', 2)).toBe(0n);
    expect(toScaled('99999999.99', 2)).toBe(9999999999n);
    expect(fromScaled(5n, 2)).toBe('0.05');
    expect(() => toScaled('-1', 2)).toThrow();
    expect(() => toScaled('1e3', 2)).toThrow();
  });

  it('crosses rates through the base currency', () => {
    // 1 EUR = 1.1476 USD = 0.86503 GBP, so 1 USD = 0.86503 / 1.1476 GBP (expected values from Python's decimal module).
    expect(crossRate('1.1476', '0.86503')).toBe('0.753773091670');
    expect(crossRate('1', '1.1476')).toBe('1.147600000000');
    expect(crossRate('1.1476', '1')).toBe('0.871383757407');
  });

  it('converts amounts to cents without float error', () => {
    expect(formatCents(convertToCents('99999999.00', crossRate('1.1476', '1')))).toBe('87138374.87');
    expect(formatCents(convertToCents('0.10', '3.000000000000'))).toBe('0.30');
    expect(convertToCents('101.00', '1')).toBe(10100n);
  });

  it('accepts rates per EUR from 0.0001 up to (not including) 100,000,000', () => {
    expect(['0.0001', '1.1476', '19395.07', '99999999.999999999999'].map(isSaneRate)).toEqual([true, true, true, true]);
    expect(['0.00009999', '0', '100000000', '-1', '1e3', ''].map(isSaneRate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    // The extremes cross to rates that neither round to 0 nor overflow numeric(24,12).
    expect(crossRate('99999999.999999999999', '0.0001')).toBe('0.000000000001');
    expect(crossRate('0.0001', '99999999.999999999999')).toBe('999999999999.999999990000');
  });
});
