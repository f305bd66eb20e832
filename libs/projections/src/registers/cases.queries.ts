import type { CaseCategory } from '@vigil/contract';
import type { Pool } from 'pg';
import { servingSchemaOf } from '../versions/schemas';
import { CASE_COLUMNS, type CaseRow, type CaseStatus, caseFromRecord, casesProjection } from './cases.projection';
import { type Page, toPage } from './page';
import { subtreeCte, unitsOfSmallSubtree } from './units.queries';

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
  const units = await unitsOfSmallSubtree(pool, filter.unitId);
  // A small subtree: each unit's first cases, then the page from those (see SMALL_SUBTREE_UNITS).
  const { rows } = await (units
    ? pool.query(
        `SELECT page.* FROM unnest($1::text[]) AS unit (id)
         CROSS JOIN LATERAL (
           SELECT ${CASE_COLUMNS} FROM ${schema}.cases WHERE unit_id = unit.id AND ${filters} ORDER BY case_id LIMIT $5
         ) page
         ORDER BY page.case_id
         LIMIT $5`,
        [units, ...values],
      )
    : pool.query(
        `WITH RECURSIVE ${subtreeCte()}
         SELECT ${CASE_COLUMNS} FROM ${schema}.cases
         WHERE unit_id IN (SELECT unit_id FROM subtree) AND ${filters}
         ORDER BY case_id
         LIMIT $5`,
        [filter.unitId, ...values],
      ));
  const items = rows.map((record) => {
    const row = caseFromRecord(record);
    return { ...row, lastRevision: Number(row.lastRevision) };
  });
  return toPage(items, filter.limit, (item) => item.caseId);
}
