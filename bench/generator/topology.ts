import { PROVINCES } from './provinces';
import type { Rng } from './prng';

export const MINISTRY_ID = 'VN';
/** Communes per district before 2025, roughly as it was. */
const COMMUNES_PER_DISTRICT = 4.7;

export interface Province {
  readonly index: number;
  readonly code: string;
  readonly unitId: string;
  readonly name: string;
  readonly communes: readonly Commune[];
  /** Upstream systems in this province report in UTC rather than local time. */
  readonly reportsInUtc: boolean;
}

export interface District {
  readonly unitId: string;
  readonly name: string;
  readonly province: Province;
}

export interface Commune {
  readonly index: number;
  readonly unitId: string;
  readonly name: string;
  readonly district: District;
  readonly province: Province;
  /** Adult population: the e-ID denominator. */
  readonly population: number;
  /** Share of the population with a level-2 e-ID on 2024-01-01, rising from there. */
  readonly eidStart: number;
}

export interface Topology {
  readonly provinces: readonly Province[];
  readonly districts: readonly District[];
  readonly communes: readonly Commune[];
}

/** Splits `total` over `weights` by largest remainder, each part at least 1. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map((value) => Math.max(1, Math.floor(value)));
  const byRemainder = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((x, y) => y[0] - x[0]);
  let diff = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff > 0; i = (i + 1) % byRemainder.length, diff -= 1) parts[byRemainder[i]![1]]! += 1;
  // Parts raised to 1 are paid for by the largest ones.
  while (diff < 0) {
    const largest = parts.indexOf(Math.max(...parts));
    parts[largest]! -= 1;
    diff += 1;
  }
  return parts;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The ministry, 34 provinces, their former districts and `communeCount` communes. */
export function buildTopology(communeCount: number, rng: Rng): Topology {
  if (communeCount < PROVINCES.length) throw new Error(`--communes must be at least ${PROVINCES.length}`);
  const perProvince = apportion(
    communeCount,
    PROVINCES.map(([, , weight]) => weight),
  );
  const provinces: Province[] = [];
  const districts: District[] = [];
  const communes: Commune[] = [];
  PROVINCES.forEach(([code, name], index) => {
    const own: Commune[] = [];
    const province: Province = {
      index,
      code,
      unitId: `${MINISTRY_ID}-${code}`,
      name,
      communes: own,
      reportsInUtc: rng.chance(0.2),
    };
    provinces.push(province);
    const count = perProvince[index]!;
    const districtCount = Math.max(1, Math.round(count / COMMUNES_PER_DISTRICT));
    const sizes = apportion(
      count,
      Array.from({ length: districtCount }, () => 0.5 + rng.next()),
    );
    sizes.forEach((size, d) => {
      const district: District = {
        unitId: `${province.unitId}-D${pad(d + 1, 2)}`,
        name: `District ${d + 1} police, ${name}`,
        province,
      };
      districts.push(district);
      for (let c = 1; c <= size; c += 1) {
        const commune: Commune = {
          index: communes.length,
          unitId: `${district.unitId}-C${pad(c, 2)}`,
          name: `Commune ${d + 1}.${c} police, ${name}`,
          district,
          province,
          population: rng.int(3_000, 40_000),
          eidStart: 0.3 + rng.next() * 0.35,
        };
        own.push(commune);
        communes.push(commune);
      }
    });
  });
  return { provinces, districts, communes };
}
