import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { dateIn, numberIn, percentIn } from './support/format';
import { NAMES } from './support/scenario';
import { breadcrumb, childrenCells, compstatCells, trendCells, unitViewDrawn } from './support/unit-page';
import { dashboardSuite, screenshot } from './support/suite';

const WINDOWS = ['week', '28d', 'month', 'ytd'] as const;
/** Today in the deployment's zone (Asia/Ho_Chi_Minh, UTC+7). */
const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

// The unit view (CONTRACT §9) in Chromium against the whole system: path, CompStat, units below, trend, CSV.
describe('the dashboard’s unit view', () => {
  const suite = dashboardSuite();

  it('drills down two levels through the links of the units below, and back up through the breadcrumb', async () => {
    const { page } = await suite.open();
    const { province, districts, communes } = suite.scenario;
    await suite.signIn(page);
    await page.locator('[data-scorecard] td[data-col="unit"] a', { hasText: NAMES.province }).first().click();
    await unitViewDrawn(page, NAMES.province);
    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/unit/${province}`);
    // The ministry lies above the analyst's root: named, not linked.
    expect(await breadcrumb(page)).toEqual([
      { name: NAMES.ministry, linked: false },
      { name: NAMES.province, linked: false },
    ]);

    // The units below with this year's figures, as the API answers them; by hand, today's case and its 3 arrests in Cốc San's district.
    const year = await suite.api(
      `/v1/units/${province}/stats?from=${today().slice(0, 4)}-01-01&to=${today()}&breakdown=children`,
    );
    const shown = await childrenCells(page);
    expect(Object.keys(shown).sort()).toEqual([...districts].sort());
    for (const child of year.children) {
      expect(shown[child.unitId]).toMatchObject({
        name: expect.stringContaining(child.name),
        casesOpened: numberIn('en-GB', child.casesOpened),
        personsArrested: numberIn('en-GB', child.personsArrested),
        weaponsCollected: numberIn('en-GB', child.weaponsCollected),
      });
    }
    expect(shown[districts[0]]).toMatchObject({ casesOpened: '1', personsArrested: '3' });
    expect(shown[districts[1]]).toMatchObject({ casesOpened: '0', personsArrested: '0' });

    await page.locator('section[aria-labelledby="children-heading"] a', { hasText: NAMES.districts[0] }).click();
    await unitViewDrawn(page, NAMES.districts[0]);
    expect(Object.keys(await childrenCells(page))).toEqual([communes[0]]);
    await page.locator('section[aria-labelledby="children-heading"] a', { hasText: NAMES.communes[0] }).click();
    await unitViewDrawn(page, NAMES.communes[0]);
    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/unit/${communes[0]}`);
    expect(await breadcrumb(page)).toEqual([
      { name: NAMES.ministry, linked: false },
      { name: NAMES.province, linked: true },
      { name: NAMES.districts[0], linked: true },
      { name: NAMES.communes[0], linked: false },
    ]);
    expect(await page.locator('section[aria-labelledby="children-heading"]').innerText()).toContain('No unit below this one.');

    await page.locator('nav.breadcrumb a', { hasText: NAMES.province }).click();
    await unitViewDrawn(page, NAMES.province);
    expect(page.url()).toBe(`${suite.vigil.url}/dashboard#/unit/${province}`);
  });

  it('as at 30 June 2024: the CompStat table is the API’s compare, flags shown as colour and word, and the title says so', async () => {
    const { page } = await suite.open();
    const { province } = suite.scenario;
    await suite.signIn(page);
    await page.goto(`${suite.vigil.url}/dashboard#/unit/${province}`);
    await unitViewDrawn(page, NAMES.province);
    await page.fill('#time-at', '2024-06-30');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.hash.includes('at=2024-06-30'));
    await page.locator('table.compstat caption', { hasText: dateIn('en-GB', '2023-01-01') }).waitFor();
    await unitViewDrawn(page, NAMES.province);
    expect(await page.title()).toBe(`Unit · ${NAMES.province} · as at ${dateIn('en-GB', '2024-06-30')} — Vigil`);

    const compare = await suite.api(`/v1/units/${province}/compare?at=2024-06-30`);
    const shown = await compstatCells(page);
    expect(Object.keys(shown)).toEqual(compare.rows.map((row: { figure: string }) => row.figure));
    for (const row of compare.rows) {
      const written = (value: number | null) =>
        value === null ? '—' : row.figure === 'clearanceRate' ? percentIn('en-GB', value) : numberIn('en-GB', value);
      for (const window of WINDOWS) {
        const cell = row[window];
        expect(shown[row.figure]![`${window}.current`]!.text).toBe(written(cell.current));
        expect(shown[row.figure]![`${window}.previous`]!.text).toBe(written(cell.previous));
        expect(shown[row.figure]![`${window}.change`]!.flag).toBe(cell.flag);
      }
    }
    // By hand, the year to date: 12 weapons against 2023's 40 (−70 %, z = 2(√12 − √40) = −5.72: a fall);
    // 16 injured against none (z = 8: a rise); 4 cases against 2 (+100 %, z = 1.17: no flag).
    expect(shown.weaponsCollected!['ytd.current']!.text).toBe('12');
    expect(shown.weaponsCollected!['ytd.previous']!.text).toBe('40');
    expect(shown.weaponsCollected!['ytd.change']).toEqual({ text: '-70%\n▼ significant fall', flag: 'down' });
    expect(shown.injuries!['ytd.change']).toEqual({ text: '—\n▲ significant rise', flag: 'up' });
    expect(shown.casesOpened!['ytd.change']).toEqual({ text: '+100%', flag: null });
    const background = (figure: string) =>
      page
        .locator(`tr[data-figure="${figure}"] td[data-cell="ytd.change"]`)
        .evaluate((td) => (globalThis as any).getComputedStyle(td).backgroundColor as string);
    const [fall, rise, none] = [
      await background('weaponsCollected'),
      await background('injuries'),
      await background('casesOpened'),
    ];
    expect(new Set([fall, rise, none]).size).toBe(3);
    await page.locator('.chart svg').waitFor();
    await screenshot(page, 'unit');
  });

  it('as at 30 June 2024: the trend by month against 2023 for the figure chosen, its figures in the table too', async () => {
    const { page } = await suite.open();
    const { province } = suite.scenario;
    await suite.signIn(page);
    await page.goto(`${suite.vigil.url}/dashboard#/unit/${province}?at=2024-06-30`);
    await unitViewDrawn(page, NAMES.province);
    // ECharts drew it (as SVG, from the deployment's own chunk): axes and two lines.
    await page.locator('.chart svg').waitFor();
    expect(await page.locator('.chart svg path').count()).toBeGreaterThan(2);
    expect(await page.locator('.chart').getAttribute('aria-label')).toBe('Cases opened by month, 2024 against 2023');
    // By hand: cases opened in February, March, April and June 2024 (May's was voided); March and June 2023.
    const months = (await trendCells(page)).map(([, current, previous]) => [current, previous]);
    expect(months).toEqual([
      ['0', '0'],
      ['1', '0'],
      ['1', '1'],
      ['1', '0'],
      ['0', '0'],
      ['1', '1'],
      ...Array.from({ length: 6 }, () => ['—', '0']),
    ]);

    await page.getByLabel('Figure', { exact: true }).selectOption('weaponsCollected');
    await page.waitForURL((url) => url.hash.includes('figure=weaponsCollected'));
    await page.locator('.trend caption', { hasText: 'Weapons collected by month' }).waitFor();
    const series = await suite.api(
      `/v1/units/${province}/series?figure=weaponsCollected&grain=month&from=2023-01-01&to=2024-06-30`,
    );
    const values = series.points.map((point: { value: number }) => String(point.value));
    const weapons = await trendCells(page);
    expect(weapons.slice(0, 6).map(([, current]) => current)).toEqual(values.slice(12));
    expect(weapons.map(([, , previous]) => previous)).toEqual(values.slice(0, 12));
    expect(weapons[3]![1]).toBe('7'); // April 2024, Cốc San
    expect(weapons[1]![2]).toBe('40'); // February 2023, Bát Xát
  });

  it('downloads the units below and the CompStat table as CSV, with the API’s figures', async () => {
    const { page } = await suite.open();
    const { province, districts } = suite.scenario;
    await suite.signIn(page);
    await page.goto(`${suite.vigil.url}/dashboard#/unit/${province}?at=2024-12-31`);
    await unitViewDrawn(page, NAMES.province);
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const text = readFileSync(await file.path(), 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      return {
        name: file.suggestedFilename(),
        records: Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data,
      };
    };

    const children = await download('Download Units below as CSV');
    expect(children.name).toBe(`vigil-units-below-${province}-at-2024-12-31.csv`);
    const stats = await suite.api(`/v1/units/${province}/stats?from=2024-01-01&to=2024-12-31&breakdown=children`);
    expect(children.records.map((record) => record.unitId).sort()).toEqual([...districts].sort());
    for (const child of stats.children) {
      expect(children.records.find((record) => record.unitId === child.unitId)).toMatchObject({
        name: child.name,
        from: '2024-01-01',
        to: '2024-12-31',
        casesOpened: String(child.casesOpened),
        casesCleared: String(child.casesCleared),
        weaponsCollected: String(child.weaponsCollected),
        'incidents.injuries': String(child.incidents.injuries),
      });
    }
    // By hand: Lào Cai city's two cases (both cleared, both prosecuted) and 7 weapons; Bát Xát's two and the accident's 16 injured.
    const record = (unitId: string) => children.records.find((r) => r.unitId === unitId);
    expect(record(districts[0])).toMatchObject({ casesOpened: '2', casesProsecuted: '2', weaponsCollected: '7' });
    expect(record(districts[1])).toMatchObject({ casesOpened: '2', weaponsCollected: '5', 'incidents.injuries': '16' });

    const compstat = await download('Download Against last year (CompStat) as CSV');
    expect(compstat.name).toBe(`vigil-compstat-${province}-at-2024-12-31.csv`);
    const compare = await suite.api(`/v1/units/${province}/compare?at=2024-12-31`);
    expect(compstat.records.map((r) => r.figure)).toEqual(compare.rows.map((row: { figure: string }) => row.figure));
    const weapons = compstat.records.find((r) => r.figure === 'weaponsCollected');
    expect(weapons).toMatchObject({
      'ytd.current': '12',
      'ytd.previous': '40',
      'ytd.flag': 'down',
      'ytd.z': String(compare.rows[5].ytd.z),
    });
  });

  it('reads in Vietnamese: headings and flags with diacritics, figures with a decimal comma', async () => {
    const { page } = await suite.open({ locale: 'vi-VN' });
    const { province } = suite.scenario;
    await suite.signIn(page);
    await page.goto(`${suite.vigil.url}/dashboard#/unit/${province}?at=2024-06-30&figure=clearanceRate`);
    await unitViewDrawn(page, NAMES.province);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.locator('#compstat-heading').innerText()).toBe('So sánh cùng kỳ năm trước (CompStat)');
    expect(await page.locator('tr[data-figure="weaponsCollected"] td[data-cell="ytd.change"]').innerText()).toBe(
      '-70%\n▼ giảm đáng kể',
    );
    // The clearance rate of the year to date, 3 of 4: 75 %; z of 12 against 40 weapons −5.72 → "-5,72".
    expect(await page.locator('tr[data-figure="clearanceRate"] td[data-cell="ytd.current"]').innerText()).toBe('75%');
    expect(await page.locator('tr[data-figure="weaponsCollected"] td[data-cell="ytd.change"]').getAttribute('title')).toBe(
      'z = -5,72',
    );
    expect(await page.title()).toBe(`Đơn vị · ${NAMES.province} · tính đến ${dateIn('vi-VN', '2024-06-30')} — Vigil`);
  });
});
