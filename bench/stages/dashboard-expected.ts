import { MINISTRY_ID } from '../generator/topology';

/** One scorecard row the dashboard must draw: a target of a directive, evaluated for a unit. */
export interface ExpectedRow {
  readonly directiveId: string;
  readonly targetId: string;
  readonly unitId: string;
}

interface Listed {
  directives: { directiveId: string; targets: { targetId: string; unitId: string }[] }[];
}

async function getJson<T>(baseUrl: string, path: string, token: string): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as T;
}

/**
 * The rows a province's scorecard shows (CONTRACT.md §9), as the API answers the province's analyst:
 * every target set for the province or the ministry above it, evaluated for the province. In the
 * generated country the ministry is a province's only ancestor and no target is set below a province.
 */
export async function expectedScorecard(baseUrl: string, token: string, province: string): Promise<ExpectedRow[]> {
  const concerned = new Set([province, MINISTRY_ID]);
  const { directives } = await getJson<Listed>(baseUrl, '/v1/directives', token);
  const rows: ExpectedRow[] = [];
  for (const directive of directives) {
    const setFor = new Map(directive.targets.map((target) => [target.targetId, target.unitId]));
    if (![...setFor.values()].some((unitId) => concerned.has(unitId))) continue;
    const path = `/v1/directives/${encodeURIComponent(directive.directiveId)}/progress?unitId=${encodeURIComponent(province)}`;
    const progress = await getJson<{ targets: { targetId: string; unitId: string }[] }>(baseUrl, path, token);
    for (const target of progress.targets) {
      if (concerned.has(setFor.get(target.targetId) ?? ''))
        rows.push({ directiveId: directive.directiveId, targetId: target.targetId, unitId: target.unitId });
    }
  }
  return rows;
}
