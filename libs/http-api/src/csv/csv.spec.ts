import { EXAMPLE_COMPARE, EXAMPLE_STATS, EXAMPLE_UNIT_DETAIL } from '@vigil/contract';
import { csvTable } from './answer-rows';
import { csvField, toCsv } from './csv-format';
import { flatten } from './flatten';

describe('CSV (RFC 4180)', () => {
  it('quotes a field with a comma, a quote or a line break, doubling its quotes; leaves the rest as it is', () => {
    expect(
      ['Công an xã Cốc San', 'Lào Cai, tỉnh', 'say "hi"', 'two\r\nlines', 42, -7.93, null, undefined, true].map(csvField),
    ).toEqual(['Công an xã Cốc San', '"Lào Cai, tỉnh"', '"say ""hi"""', '"two\r\nlines"', '42', '-7.93', '', '', 'true']);
  });

  it('writes a header row and one record per row, each line ended by CRLF', () => {
    expect(toCsv(['unitId', 'name'], [{ unitId: 'VN-LCI', name: 'Công an tỉnh Lào Cai, Việt Nam' }, { unitId: 'VN' }])).toBe(
      'unitId,name\r\nVN-LCI,"Công an tỉnh Lào Cai, Việt Nam"\r\nVN,\r\n',
    );
  });

  it('flattens nested figures into dotted columns, lists of values into one cell, lists of objects numbered', () => {
    expect(
      flatten({
        a: 1,
        hotspots: { transformed: 2 },
        filter: { severity: ['serious', 'very_serious'] },
        path: [{ unitId: 'VN' }],
      }),
    ).toEqual({
      a: 1,
      'hotspots.transformed': 2,
      'filter.severity': 'serious,very_serious',
      'path.0.unitId': 'VN',
    });
  });
});

describe('CSV answers', () => {
  it('compare: one record per figure, each window’s cells as dotted columns, the windows after', () => {
    const { columns, records } = csvTable('compareUnit', EXAMPLE_COMPARE);
    expect(columns.slice(0, 12)).toEqual([
      'unitId',
      'name',
      'at',
      'asOf',
      'basis',
      'figure',
      'week.current',
      'week.previous',
      'week.change',
      'week.changePct',
      'week.z',
      'week.flag',
    ]);
    expect(columns).toContain('ytd.changePct');
    expect(columns).toContain('windows.ytd.previous.from');
    expect(records.map((record) => [record.figure, record['ytd.changePct'], record['ytd.flag']]).slice(0, 2)).toEqual([
      ['casesOpened', -15.75, 'down'],
      ['casesCleared', -12.53, null],
    ]);
  });

  it('stats: the unit’s record, then one per child with its name and level', () => {
    const { columns, records } = csvTable('getUnitStats', EXAMPLE_STATS);
    expect(columns.slice(0, 6)).toEqual(['unitId', 'name', 'level', 'from', 'to', 'casesOpened']);
    expect(columns).toContain('hotspots.transformed');
    expect(records.map((record) => [record.unitId, record.name, record['hotspots.transformed'], record.from])).toEqual([
      ['VN-LCI', undefined, 8, '2024-01-01'],
      ['VN-LCI-BXT', 'Công an huyện Bát Xát', 2, '2024-01-01'],
      ['VN-LCI-LCC', 'Công an thành phố Lào Cai', 6, '2024-01-01'],
    ]);
  });

  it('a unit: one record, its path and parents numbered', () => {
    const { columns } = csvTable('getUnit', EXAMPLE_UNIT_DETAIL);
    expect(columns).toEqual(expect.arrayContaining(['path.0.unitId', 'path.1.name', 'parents.1.validFrom']));
  });

  it('an empty list keeps the header of the endpoint’s records', () => {
    expect(csvTable('listUnits', { units: [] })).toEqual({ columns: ['unitId', 'name', 'level', 'parentUnitId'], records: [] });
  });
});
