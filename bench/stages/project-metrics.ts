/** Per projection, the service's counters of applied and dead-lettered events (its Prometheus text). */
export interface ProjectorCounters {
  readonly applied: Record<string, number>;
  readonly deadLettered: Record<string, number>;
}

const COUNTER =
  /^(vigil_projection_applied_total|vigil_projection_dead_letters_total)\{[^}]*projection="([^"]+)"[^}]*\}\s+(\S+)$/;

export function projectorCounters(prometheusText: string): ProjectorCounters {
  const counters: ProjectorCounters = { applied: {}, deadLettered: {} };
  for (const line of prometheusText.split('\n')) {
    const match = COUNTER.exec(line.trim());
    if (!match) continue;
    const into = match[1] === 'vigil_projection_applied_total' ? counters.applied : counters.deadLettered;
    into[match[2]!] = (into[match[2]!] ?? 0) + Number(match[3]);
  }
  return counters;
}

/** GET /metrics of a running service. */
export async function readProjectorCounters(baseUrl: string, token: string): Promise<ProjectorCounters> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return projectorCounters(await response.text());
}
