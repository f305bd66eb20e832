import type { TimeSelection } from '../../api/endpoints';
import type { EvidenceItem, EvidencePage, Target } from '../../api/types';
import { useApi } from '../../app/session';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { hrefOf } from '../../routing/links';
import { useDocumentTitle } from '../../time/document-title';
import { type Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/states';
import { LoadMore, usePages } from '../../ui/use-pages';
import { useLoad } from '../../ui/use-load';
import { targetLabel } from '../scorecard/metric-label';

interface Props {
  directiveId: string;
  targetId: string;
  unitId: string;
  time: TimeSelection;
}

/** CONTRACT §9, evidence: the facts behind one figure of the scorecard, page by page, adding up to it. */
export function EvidenceView({ directiveId, targetId, unitId, time }: Props) {
  const api = useApi();
  const { t } = useI18n();
  const [state, retry] = useLoad(
    (signal) =>
      Promise.all([
        api.evidence({ directiveId, targetId, unitId }, time, signal),
        api
          .directives(signal)
          .then((list) => list.directives.find((directive) => directive.directiveId === directiveId) ?? null)
          .catch(() => null),
      ]),
    JSON.stringify([directiveId, targetId, unitId, time]),
  );
  const directive = state.status === 'ready' ? state.value[1] : null;
  const target = directive?.targets.find((candidate) => candidate.targetId === targetId);
  const name = target ? targetLabel(target.metric, target.filter, t) : targetId;
  const heading = directive ? `${directive.code} · ${name}` : name;
  useDocumentTitle(`${t.evidence.title} · ${heading}`, time);
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading">{t.evidence.heading(heading)}</h1>
      <p class="secondary">{t.evidence.intro}</p>
      <Loaded state={state} retry={retry}>
        {([first]) => (
          <EvidenceBody
            key={JSON.stringify([directiveId, targetId, unitId, time])}
            first={first}
            {...{ directiveId, targetId, unitId, time, target }}
          />
        )}
      </Loaded>
    </section>
  );
}

function EvidenceBody({
  first,
  directiveId,
  targetId,
  unitId,
  time,
}: Props & { first: EvidencePage; target: Target | undefined }) {
  const api = useApi();
  const { t, format } = useI18n();
  const pages = usePages(first, (cursor) => api.evidence({ directiveId, targetId, unitId, cursor }, time));
  const { items, complete } = pages;
  const sum = (pick: (item: EvidenceItem) => number) => items.reduce((total, item) => total + pick(item), 0);
  const numerator = sum((item) => item.numerator);
  const denominator = sum((item) => item.denominator);
  const adds = complete && numerator === (first.numerator ?? 0) && denominator === (first.denominator ?? 0);
  const columns = useEvidenceColumns(time);
  return (
    <>
      <p class="evidence-totals">
        <span data-figure>{t.evidence.figure(format.number(first.numerator), format.number(first.denominator))}</span>
        <span data-loaded>{t.evidence.loaded(format.number(numerator), format.number(denominator))}</span>
        {adds && <strong class="ok">✓ {t.evidence.adds}</strong>}
      </p>
      {items.length === 0 ? (
        <Empty>{t.evidence.empty}</Empty>
      ) : (
        <DataTable
          caption={t.evidence.title}
          columns={columns}
          rows={items}
          rowKey={(item) => `${item.kind}/${item.id}/${item.positions.join('.')}`}
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

function useEvidenceColumns(time: TimeSelection): Column<EvidenceItem>[] {
  const { t, format } = useI18n();
  const c = t.evidence.columns;
  const registerOf = (item: EvidenceItem) =>
    item.kind === 'case' || item.kind === 'arrest' ? 'cases' : item.kind === 'hotspot' ? 'hotspots' : null;
  return [
    { key: 'kind', label: c.kind, sortValue: (item) => item.kind, cell: (item) => t.evidence.kind[item.kind] },
    {
      key: 'id',
      label: c.id,
      sortValue: (item) => item.id,
      cell: (item) => {
        const register = registerOf(item);
        return register ? (
          <a href={hrefOf({ view: register, unitId: item.unitId }, time)} title={t.evidence.register(item.id)}>
            {item.id}
          </a>
        ) : (
          item.id
        );
      },
    },
    { key: 'unit', label: c.unit, sortValue: (item) => item.unitId, cell: (item) => item.unitId },
    {
      key: 'occurredAt',
      label: c.occurredAt,
      sortValue: (item) => item.occurredAt,
      cell: (item) => format.moment(item.occurredAt),
    },
    {
      key: 'recordedAt',
      label: c.recordedAt,
      sortValue: (item) => item.recordedAt,
      cell: (item) => format.moment(item.recordedAt),
    },
    { key: 'positions', label: c.positions, cell: (item) => item.positions.join(', ') },
    {
      key: 'numerator',
      label: c.numerator,
      numeric: true,
      sortValue: (item) => item.numerator,
      cell: (item) => format.number(item.numerator),
    },
    {
      key: 'denominator',
      label: c.denominator,
      numeric: true,
      sortValue: (item) => item.denominator,
      cell: (item) => format.number(item.denominator),
    },
  ];
}
