import { csvCell, csvLine } from './audit-csv';

describe('audit CSV', () => {
  it.each(['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises the formula %p with an apostrophe',
    (value) => {
      expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('leaves a plain negative number a number, but not an expression starting like one', () => {
    expect(csvCell('-100.00')).toBe('-100.00');
    expect(csvCell('-500')).toBe('-500');
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('-100.00.1')).toBe("'-100.00.1");
  });

  it('quotes commas, quotes and line breaks and leaves plain text alone', () => {
    expect(csvCell('Berlin, DE')).toBe('"Berlin, DE"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Sales kick-off')).toBe('Sales kick-off');
    expect(csvCell(null)).toBe('');
  });

  it('quotes a neutralised formula that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvLine(['a', '=1'])).toBe("a,'=1\r\n");
  });
});
