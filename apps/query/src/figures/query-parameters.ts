import { CASE_CATEGORIES, isCalendarDate, type CaseCategory } from '@vigil/contract';
import { parseAsOf } from '@vigil/domain';
import { problems, type ProblemItem } from '@vigil/platform';

/** Reads query parameters, collecting every problem (with the parameter's name as `path`) into one 400. */
export class QueryParameters {
  private readonly found: ProblemItem[] = [];

  constructor(private readonly query: Record<string, unknown>) {}

  private text(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      this.found.push({ path: name, message: 'must be given once', code: 'invalid_type' });
      return undefined;
    }
    return value;
  }

  /** The instant asOf denotes (a timestamp, or a date meaning the end of that day); `now` when absent. */
  asOf(timeZone: string, now: Date): Date {
    const value = this.text('asOf');
    if (value === undefined) return now;
    try {
      return parseAsOf(value, timeZone);
    } catch {
      this.found.push({
        path: 'asOf',
        message: 'must be a timestamp with an offset (2024-03-01T08:00:00+07:00) or a date (2024-03-01)',
        code: 'invalid_format',
      });
      return now;
    }
  }

  date(name: string): string {
    const value = this.text(name);
    if (value === undefined)
      this.found.push({ path: name, message: 'is required: a calendar date YYYY-MM-DD', code: 'invalid_type' });
    else if (!isCalendarDate(value))
      this.found.push({ path: name, message: 'must be a calendar date YYYY-MM-DD that exists', code: 'invalid_format' });
    else return value;
    return '';
  }

  /** `to` not before `from` (both already read). */
  ordered(from: string, to: string): void {
    if (from !== '' && to !== '' && to < from)
      this.found.push({ path: 'to', message: `must not be before from ${from}`, code: 'custom' });
  }

  category(): CaseCategory | undefined {
    const value = this.text('category');
    if (value === undefined) return undefined;
    if ((CASE_CATEGORIES as readonly string[]).includes(value)) return value as CaseCategory;
    this.found.push({ path: 'category', message: `must be one of ${CASE_CATEGORIES.join(', ')}`, code: 'invalid_value' });
    return undefined;
  }

  optionalText(name: string): string | undefined {
    return this.text(name);
  }

  /** Throws the 400 when anything was wrong. */
  done(): void {
    if (this.found.length > 0) throw problems.validation(this.found, 'The query parameters are not valid.');
  }
}
