import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@vigil/contract';

const SOURCE = 'bench-freshness';
const COMMUNES = 16;
/** Probe case ids count down, so the register (ordered by case id) lists the newest probe first. */
const PROBE_IDS = 1_000_000;

/** What each event of a tick is, in turn: about half cases and their outcomes, the rest measures. */
const MIX = ['open', 'weapons', 'arrest', 'open', 'incident', 'clear', 'open', 'indicator', 'arrest', 'open'] as const;
type Kind = (typeof MIX)[number];

/**
 * The freshness stage's own corner of the country: a root unit of its own (so its figures mix with
 * nothing else), a province, communes that carry the load and one commune that only the probes use.
 * Follow-ups (arrests, clearances) only name cases whose opening was answered `appended`.
 */
export class FreshnessLoad {
  readonly root: string;
  readonly province: string;
  readonly probeUnit: string;
  private readonly communes: string[];
  private opened = 0;
  private readonly toArrest: string[] = [];
  private readonly toClear: string[] = [];
  private nextEvent = 0;

  constructor(
    private readonly runId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.root = `FR-${runId}`;
    this.province = `${this.root}-P`;
    this.probeUnit = `${this.province}-PROBE`;
    this.communes = Array.from({ length: COMMUNES }, (_, i) => `${this.province}-C${String(i + 1).padStart(2, '0')}`);
  }

  /** The units, parents first, registered a day before the load. */
  tree(): EventEnvelope[] {
    const at = new Date(this.now().getTime() - 86_400_000);
    const unit = (unitId: string, name: string, level: string, parentUnitId: string | null) =>
      this.envelope('UnitRegistered', { unitId, name, level, parentUnitId }, at);
    return [
      unit(this.root, 'Freshness bench', 'ministry', null),
      unit(this.province, 'Freshness bench province', 'province', this.root),
      ...[...this.communes, this.probeUnit].map((id) => unit(id, `Freshness bench commune ${id}`, 'commune', this.province)),
    ];
  }

  /** The case id of probe `index` (0, 1, ...). */
  probeCaseId(index: number): string {
    return `${this.root}-P${String(PROBE_IDS - 1 - index).padStart(6, '0')}`;
  }

  /** A case opened in the probe commune: the event whose visibility is timed. */
  probe(index: number): EventEnvelope {
    return this.envelope('CaseOpened', {
      caseId: this.probeCaseId(index),
      unitId: this.probeUnit,
      category: 'drugs',
      severity: 'serious',
    });
  }

  /** `count` events of the load, the mix in turn. */
  events(count: number): EventEnvelope[] {
    return Array.from({ length: count }, () => this.event(MIX[this.nextEvent++ % MIX.length]!));
  }

  /** The service answered `appended` for these: their cases may now have follow-ups. */
  acknowledge(appended: readonly EventEnvelope[]): void {
    for (const event of appended) {
      if (event.type === 'CaseOpened' && event.data.unitId !== this.probeUnit) this.toArrest.push(event.data.caseId);
      if (event.type === 'ArrestMade') this.toClear.push(event.data.caseId);
    }
  }

  private event(kind: Kind): EventEnvelope {
    const unitId = this.communes[this.nextEvent % COMMUNES]!;
    switch (kind) {
      case 'arrest': {
        const caseId = this.toArrest.shift();
        if (caseId) return this.envelope('ArrestMade', { caseId, arrestId: `${caseId}:A1`, persons: 1 + (this.nextEvent % 3) });
        return this.event('open');
      }
      case 'clear': {
        const caseId = this.toClear.shift();
        return caseId ? this.envelope('CaseCleared', { caseId }) : this.event('open');
      }
      case 'open':
        this.opened += 1;
        return this.envelope('CaseOpened', {
          caseId: `${this.root}-C${String(this.opened).padStart(7, '0')}`,
          unitId,
          category: 'social_order',
          severity: 'less_serious',
        });
      case 'weapons':
        return this.envelope('WeaponsCollected', { unitId, items: 1 + (this.nextEvent % 5), kind: 'support_tool' });
      case 'incident':
        return this.envelope('IncidentRecorded', { unitId, kind: 'traffic_accident', deaths: 0, injuries: this.nextEvent % 3 });
      case 'indicator':
        return this.envelope('IndicatorMeasured', {
          unitId,
          indicator: 'eid.level2.issued',
          value: this.nextEvent % 10_000,
          denominator: 10_000,
        });
    }
  }

  private envelope(type: string, data: Record<string, unknown>, at = this.now()): EventEnvelope {
    return {
      eventId: randomUUID(),
      type,
      occurredAt: at.toISOString(),
      data,
      metadata: { sourceSystem: SOURCE },
    } as EventEnvelope;
  }
}
