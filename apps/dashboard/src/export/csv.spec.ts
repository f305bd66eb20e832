import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes RFC 4180 with a header, quoting commas, quotes and line breaks, in UTF-8 with a BOM', () => {
    const csv = toCsv([
      { unitName: 'Công an xã Cốc San, Lào Cai', actual: 66.67, note: 'said "done"' },
      { unitName: 'Bát Xát', actual: null, note: 'two\nlines' },
    ]);
    expect(csv).toBe(
      '\uFEFFunitName,actual,note\r\n"Công an xã Cốc San, Lào Cai",66.67,"said ""done"""\r\nBát Xát,,"two\nlines"\r\n',
    );
  });

  it('has a column for every key any record has', () => {
    expect(toCsv([{ a: 1 }, { b: 2 }])).toBe('\uFEFFa,b\r\n1,\r\n,2\r\n');
  });
});
