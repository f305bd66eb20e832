import type { ReadableOptions } from 'node:stream';
import {
  ErrorType,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendStreamRequest,
  type MultiAppendResult,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';

/** The part of `KurrentDBClient` the adapter uses (so a spec can stand in for the server). */
export interface KurrentClient {
  multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterableIterator<ResolvedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterableIterator<AllStreamResolvedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions, readableOptions?: ReadableOptions): AllStreamSubscription;
  dispose(): Promise<void>;
}

/** gRPC status UNIMPLEMENTED: a server older than 25.1 has no multi-stream append. */
const GRPC_UNIMPLEMENTED = 12;

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError || errorType(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || errorType(error) === ErrorType.STREAM_NOT_FOUND;
}

export function isUnimplemented(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === GRPC_UNIMPLEMENTED;
}

/** Every event of a read, or none when the stream does not exist. */
export async function collectStream(
  client: KurrentClient,
  streamName: string,
  options?: ReadStreamOptions,
): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamName, options)) events.push(resolved);
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
  return events;
}

export async function collectAll(client: KurrentClient, options: ReadAllOptions): Promise<AllStreamResolvedEvent[]> {
  const events: AllStreamResolvedEvent[] = [];
  for await (const resolved of client.readAll(options)) events.push(resolved);
  return events;
}

function errorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
}
