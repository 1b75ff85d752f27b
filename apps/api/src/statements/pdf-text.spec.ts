import { type Measure, runsOf, wrap } from './pdf-text';
import { groupDigits, StatementTotals } from './statement-totals';

/** Every character one point wide: the layout's arithmetic without a font. */
const oneEach: Measure = (run) => [...run.text].length;

describe('statement PDF text', () => {
  it('draws each character in the Latin font when it has it, else in the CJK one', () => {
    expect(runsOf('Zoë Þórsdóttir, 李小龍 (東京)')).toEqual([
      { font: 'regular', text: 'Zoë Þórsdóttir, ' },
      { font: 'cjk', text: '李小龍' },
      { font: 'regular', text: ' (' },
      { font: 'cjk', text: '東京' },
      { font: 'regular', text: ')' },
    ]);
    expect(runsOf('Ελένη Łukasz Дмитрий', true)).toEqual([{ font: 'bold', text: 'Ελένη Łukasz Дмитрий' }]);
  });

  it('breaks lines after spaces and between CJK characters, cuts a word wider than a line, and ends a long text with …', () => {
    expect(wrap('aaa bbb ccc', 7, 1, oneEach, 3)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('東京都渋谷区', 3, 1, oneEach, 3)).toEqual(['東京都', '渋谷区']);
    expect(wrap('abcdefghij', 4, 1, oneEach, 3)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('aaa bbb ccc', 7, 1, oneEach, 1)).toEqual(['aaa bb…']);
    expect(wrap('  ', 7, 1, oneEach, 2)).toEqual([]);
  });
});

describe('statement totals', () => {
  it('sums charges and refunds per currency exactly, net = charges − refunds', () => {
    const totals = new StatementTotals();
    totals.add({ entry: 'charge', amount: '0.10', currency: 'USD' });
    totals.add({ entry: 'charge', amount: '0.20', currency: 'USD' });
    totals.add({ entry: 'refund', amount: '-50.00', currency: 'EUR' });
    totals.add({ entry: 'refund', amount: '-0.00', currency: 'USD' });
    expect(totals.list()).toEqual([
      { currency: 'EUR', charges: '0.00', refunds: '50.00', net: '-50.00' },
      { currency: 'USD', charges: '0.30', refunds: '0.00', net: '0.30' },
    ]);
    expect(groupDigits('-1234567.50')).toBe('-1,234,567.50');
    expect(groupDigits('999.00')).toBe('999.00');
  });
});
