import { EXAMPLE_EVENTS } from '../examples';
import { parseEnvelope, type EventType } from '../envelope';
import type { Problem } from '../problems';

/** The example envelope of a type with its data patched; `undefined` values remove a field. */
export function exampleWith(type: EventType, data: Record<string, unknown>, envelope: Record<string, unknown> = {}) {
  const example = EXAMPLE_EVENTS[type];
  const merged: Record<string, unknown> = { ...example.data, ...data };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return { ...example, ...envelope, data: merged };
}

/** The moment the specs post at: every example occurs before it. */
export const POSTED_AT = new Date('2025-12-01T00:00:00Z');

export function problemsOf(input: unknown, now: Date = POSTED_AT): Problem[] {
  const result = parseEnvelope(input, { now });
  if (result.ok) throw new Error(`expected problems, but ${JSON.stringify(input)} parsed`);
  return result.problems;
}

/** Just the paths and codes, the stable part of a problem. */
export function pathsAndCodes(input: unknown, now: Date = POSTED_AT): [string, string][] {
  return problemsOf(input, now).map((problem) => [problem.path, problem.code]);
}

/** `parseEnvelope` as the door runs it, posted at `POSTED_AT`. */
export function parsePosted(input: unknown) {
  return parseEnvelope(input, { now: POSTED_AT });
}
