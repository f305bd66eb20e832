import { type StoredEvent, toJsonStoredEvent } from '@vigil/contract';
import type { EventStore, SerializedEvent, SubscribeOptions, Subscription } from './event-store.port';

export function serializeEvent(event: StoredEvent): SerializedEvent {
  const correlationId = event.metadata?.correlationId;
  const traceparent = event.metadata?.traceparent;
  return {
    position: event.position,
    eventId: event.eventId,
    streamId: event.streamId,
    type: event.type,
    ...(correlationId ? { correlationId } : {}),
    ...(traceparent ? { traceparent } : {}),
    json: JSON.stringify(toJsonStoredEvent(event)),
  };
}

/** The store's own serialized subscription, or its plain one with each event serialized here. */
export function subscribeSerialized(store: EventStore, options: SubscribeOptions<SerializedEvent>): Subscription {
  if (store.subscribeSerialized) return store.subscribeSerialized(options);
  return store.subscribe({ ...options, handle: (events) => options.handle(events.map(serializeEvent)) });
}
