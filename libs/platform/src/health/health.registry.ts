import { Injectable } from '@nestjs/common';

export interface HealthReport {
  status: 'up' | 'down';
  /** Why it is down, or useful figures when up (e.g. relay lag). */
  details?: Record<string, unknown>;
  reason?: string;
}

export type HealthCheck = () => Promise<HealthReport>;

const CHECK_TIMEOUT_MS = 2_000;

/** Each component (store, Kafka, read DB, relay, ...) registers a readiness check by name. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** One component's check (down when it has none). */
  async check(name: string): Promise<HealthReport> {
    const check = this.checks.get(name);
    return check ? runCheck(check) : { status: 'down', reason: `no ${name} check` };
  }

  async readiness(): Promise<{ status: 'up' | 'down'; checks: Record<string, HealthReport> }> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await runCheck(check)] as const));
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, report]) => report.status === 'up') ? 'up' : 'down';
    return { status, checks };
  }
}

async function runCheck(check: HealthCheck): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthReport>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', reason: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (error) {
    return { status: 'down', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
