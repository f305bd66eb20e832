import type { HealthReport } from '@vigil/platform';

/**
 * One projection's readiness from its consumers' (`RunnerStatus.report`): a single consumer's report
 * as it is; several are up when every one is, with their partitions and lag added up and each one's
 * own report under `consumers`.
 */
export function consumersReport(reports: readonly HealthReport[]): HealthReport {
  if (reports.length === 1) return reports[0]!;
  const down = reports.flatMap((report, index) =>
    report.status === 'up' ? [] : [`consumer ${index + 1}: ${report.reason ?? 'down'}`],
  );
  const total = (field: string) => reports.reduce((sum, report) => sum + Number(report.details?.[field] ?? 0), 0);
  const details = { partitions: total('partitions'), lagMessages: total('lagMessages'), consumers: reports };
  return down.length === 0 ? { status: 'up', details } : { status: 'down', reason: down.join('; '), details };
}
