/**
 * OpenTelemetry's messaging attributes (semantic conventions, still in the `incubating` entry of
 * @opentelemetry/semantic-conventions, whose authors advise copying them rather than importing it).
 */
export const MESSAGING_ATTRIBUTES = {
  system: 'messaging.system',
  operationType: 'messaging.operation.type',
  destination: 'messaging.destination.name',
  consumerGroup: 'messaging.consumer.group.name',
  batchMessageCount: 'messaging.batch.message_count',
} as const;
