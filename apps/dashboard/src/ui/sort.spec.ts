import { sortRows } from './sort';

describe('sortRows', () => {
  const rows = [
    { name: 'Bát Xát', value: 3 },
    { name: 'Cốc San', value: null },
    { name: 'An Lão', value: 10 },
    { name: 'Ba Bể', value: 3 },
  ];

  it('sorts numbers either way, missing values last both ways, ties in their order', () => {
    expect(sortRows(rows, (row) => row.value, 'ascending', 'en').map((row) => row.name)).toEqual([
      'Bát Xát',
      'Ba Bể',
      'An Lão',
      'Cốc San',
    ]);
    expect(sortRows(rows, (row) => row.value, 'descending', 'en').map((row) => row.name)).toEqual([
      'An Lão',
      'Bát Xát',
      'Ba Bể',
      'Cốc San',
    ]);
  });

  it('compares names as the language does (diacritics are not last)', () => {
    expect(sortRows(rows, (row) => row.name, 'ascending', 'vi').map((row) => row.name)).toEqual([
      'An Lão',
      'Ba Bể',
      'Bát Xát',
      'Cốc San',
    ]);
  });
});
