import { csvCell, csvLine } from './audit-csv';

describe('audit CSV', () => {
  it.each(['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises the formula %p with an apostrophe',
    (value) => {
      expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
    },
  );

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
