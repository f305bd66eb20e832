import type { TimeSelection } from '../api/endpoints';

/** vigil-scorecard-VN-LCI-at-2024-06-30: what, for which unit, and when, in a name any system accepts. */
export function csvFileName(what: string, subject: string, time: TimeSelection): string {
  const parts = ['vigil', what, subject];
  if (time.at) parts.push('at', time.at);
  if (time.asOf) parts.push('known', time.asOf.replace(/[:.]/g, '-'));
  return parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
}
