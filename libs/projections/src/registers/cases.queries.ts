import type { CaseCategory } from '@vigil/contract';
import type { Pool } from 'pg';
import { servingSchemaOf } from '../versions/schemas';
import { CASE_COLUMNS, type CaseRow, type CaseStatus, caseFromRecord, casesProjection } from './cases.projection';
import { type Page, toPage } from './page';
import { subtreePage } from './subtree-page';

export interface CaseFilter {
  unitId: string;
  status?: CaseStatus;
  category?: CaseCategory;
  /** The last case id of the previous page. */
  after?: string;
  limit: number;
}

/** A case as the API answers it: the row without the guard's bookkeeping type (revision as a number). */
export type CaseItem = Omit<CaseRow, 'lastRevision'> & { lastRevision: number };

/** Cases of the unit and every unit under it now, by case id (keyset pagination). */
export async function listCases(pool: Pool, filter: CaseFilter): Promise<Page<CaseItem>> {
  const schema = servingSchemaOf(casesProjection);
  const filters = `($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR category = $3) AND ($4::text IS NULL OR case_id > $4)`;
  const values = [filter.status ?? null, filter.category ?? null, filter.after ?? null, filter.limit + 1];
  const rows = await subtreePage(pool, {
    unitId: filter.unitId,
    table: `${schema}.cases`,
    columns: CASE_COLUMNS,
    key: 'case_id',
    filters,
    values,
  });
  const items = rows.map((record) => {
    const row = caseFromRecord(record);
    return { ...row, lastRevision: Number(row.lastRevision) };
  });
  return toPage(items, filter.limit, (item) => item.caseId);
}
