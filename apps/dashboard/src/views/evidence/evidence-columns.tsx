import type { TimeSelection } from '../../api/endpoints';
import type { EvidenceItem } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { hrefOf } from '../../routing/links';
import type { Route } from '../../routing/route';
import type { Column } from '../../ui/data-table';

/** The register an item is listed in (cases for cases and arrests, hotspots for hotspots), with the item marked. */
function registerOf(item: EvidenceItem): Route | null {
  if (item.kind === 'case' || item.kind === 'arrest') return { view: 'cases', unitId: item.unitId, highlight: item.id };
  if (item.kind === 'hotspot') return { view: 'hotspots', unitId: item.unitId, highlight: item.id };
  return null;
}

export function useEvidenceColumns(time: TimeSelection): Column<EvidenceItem>[] {
  const { t, format } = useI18n();
  const c = t.evidence.columns;
  return [
    { key: 'kind', label: c.kind, sortValue: (item) => item.kind, cell: (item) => t.evidence.kind[item.kind] },
    {
      key: 'id',
      label: c.id,
      sortValue: (item) => item.id,
      cell: (item) => {
        const register = registerOf(item);
        return register ? (
          <a href={hrefOf(register, time)} title={t.evidence.register(item.id)}>
            {item.id}
          </a>
        ) : (
          <span class="identifier">{item.id}</span>
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
