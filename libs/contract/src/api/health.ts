import { z } from 'zod';

/** GET /health/live and GET /health/ready (CONTRACT.md §5; no token). */

export const HEALTH_STATES = ['up', 'down'] as const;

export const LivenessAnswerSchema = z.strictObject({ status: z.literal('up') });

/** One dependency (store, Kafka, read database, a projector, the relay…): why it is down, or useful figures. */
export const HealthCheckSchema = z.strictObject({
  status: z.enum(HEALTH_STATES),
  reason: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** 200 when every check is up, 503 otherwise (same body). */
export const ReadinessAnswerSchema = z.strictObject({
  status: z.enum(HEALTH_STATES),
  checks: z.record(z.string(), HealthCheckSchema),
});

export type LivenessAnswer = z.infer<typeof LivenessAnswerSchema>;
export type ReadinessAnswer = z.infer<typeof ReadinessAnswerSchema>;

export const EXAMPLE_LIVENESS: LivenessAnswer = { status: 'up' };

export const EXAMPLE_READINESS: ReadinessAnswer = {
  status: 'up',
  checks: {
    readDatabase: { status: 'up' },
    eventStore: { status: 'up' },
    kafka: { status: 'up', details: { brokers: 3, controller: 1 } },
    relay: {
      status: 'up',
      details: { leader: true, checkpoint: '48213', head: '48213', lagEvents: 0, lagSeconds: 0, lastError: null },
    },
    projector: {
      status: 'up',
      details: {
        units: { status: 'up', details: { state: 'running', partitions: 6, lagMessages: 0 } },
        cases: { status: 'up', details: { state: 'running', partitions: 6, lagMessages: 0 } },
        hotspots: { status: 'up', details: { state: 'running', partitions: 6, lagMessages: 0 } },
        figures: { status: 'up', details: { state: 'running', partitions: 30, lagMessages: 0 } },
      },
    },
  },
};

export const EXAMPLE_NOT_READY: ReadinessAnswer = {
  status: 'down',
  checks: {
    eventStore: { status: 'down', reason: 'connect ECONNREFUSED 127.0.0.1:5432' },
    kafka: { status: 'up' },
    readDatabase: { status: 'down', reason: 'connect ECONNREFUSED 127.0.0.1:5432' },
  },
};
