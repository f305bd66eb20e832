/** Makes a switch over event types exhaustive: adding an event type fails to compile until handled. */
export function unhandled(event: never): never {
  throw new Error(`unhandled event: ${JSON.stringify(event)}`);
}
