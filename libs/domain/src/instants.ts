/** Orders ISO-8601 instants with different offsets, which string comparison cannot. */
export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
