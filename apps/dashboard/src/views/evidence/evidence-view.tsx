import type { TimeSelection } from '../../api/endpoints';
import type { DirectiveDetailAnswer, EvidenceAnswer, EvidenceItem, UnitDetailAnswer } from '../../api/types';
import { useApi } from '../../app/session';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { useDocumentTitle } from '../../time/document-title';
import { DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/states';
import { LoadMore, usePages } from '../../ui/use-pages';
import { useLoad } from '../../ui/use-load';
import { targetLabel } from '../scorecard/metric-label';
import { useEvidenceColumns } from './evidence-columns';
import { EvidenceCheck } from './evidence-check';
import { TargetHistory } from './target-history';

interface Props {
  directiveId: string;
  targetId: string;
  unitId: string;
  time: TimeSelection;
}

interface Loaded {
  first: EvidenceAnswer;
  directive: DirectiveDetailAnswer;
  unit: UnitDetailAnswer;
}

/**
 * CONTRACT §9, evidence: the facts behind one figure of the scorecard, page by page, with a visible check
 * that they add up to it; the target's terms and history from the directive. All three at once.
 */
export function EvidenceView({ directiveId, targetId, unitId, time }: Props) {
  const api = useApi();
  const { t } = useI18n();
  const [state, retry] = useLoad(
    (signal): Promise<Loaded> =>
      Promise.all([
        api.evidence({ directiveId, targetId, unitId }, time, signal),
        api.directive(directiveId, time, signal),
        api.unit(unitId, time, signal),
      ]).then(([first, directive, unit]) => ({ first, directive, unit })),
    JSON.stringify([directiveId, targetId, unitId, time]),
  );
  const loaded = state.status === 'ready' ? state.value : null;
  const target = loaded?.directive.targets.find((candidate) => candidate.targetId === targetId);
  const name = target ? targetLabel(target.metric, target.filter, t) : targetId;
  const heading = loaded ? `${loaded.directive.code} · ${name} · ${loaded.unit.name}` : targetId;
  useDocumentTitle(`${t.evidence.title} · ${heading}`, time);
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading">{t.evidence.heading(heading)}</h1>
      <p class="secondary">{t.evidence.intro}</p>
      <Loaded state={state} retry={retry}>
        {({ first, directive }) => (
          <>
            <p class="secondary">{directive.title}</p>
            <EvidenceBody
              key={JSON.stringify([directiveId, targetId, unitId, time])}
              first={first}
              {...{ directiveId, targetId, unitId, time }}
            />
            {target && <TargetHistory target={target} time={time} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

function EvidenceBody({ first, directiveId, targetId, unitId, time }: Props & { first: EvidenceAnswer }) {
  const api = useApi();
  const { t } = useI18n();
  const pages = usePages(first, (cursor) => api.evidence({ directiveId, targetId, unitId, cursor }, time));
  const columns = useEvidenceColumns(time);
  return (
    <>
      <EvidenceCheck figure={first} pages={pages} />
      {pages.items.length === 0 ? (
        <Empty>{t.evidence.empty}</Empty>
      ) : (
        <DataTable<EvidenceItem>
          caption={t.evidence.title}
          columns={columns}
          rows={pages.items}
          rowKey={(item) => `${item.kind}/${item.id}/${item.positions.join('.')}`}
          rowAttributes={(item) => ({ 'data-kind': item.kind, 'data-id': item.id })}
          csv={{
            name: csvFileName(t.evidence.csvName, `${directiveId}-${targetId}-${unitId}`, time),
            what: t.evidence.title,
            record: (item) => ({
              kind: item.kind,
              id: item.id,
              unitId: item.unitId,
              occurredAt: item.occurredAt,
              recordedAt: item.recordedAt,
              positions: item.positions.join(' '),
              numerator: item.numerator,
              denominator: item.denominator,
            }),
          }}
        />
      )}
      <LoadMore pages={pages} label={t.evidence.loadMore} />
    </>
  );
}
