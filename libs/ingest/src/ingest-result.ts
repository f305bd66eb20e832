/** One answer per posted event (CONTRACT.md §5). */
export type IngestResult =
  | { eventId: string; status: 'appended' | 'duplicate'; streamId: string; revision: number; position: number }
  | { eventId: string; status: 'rejected'; code: string; message: string };

export const rejected = (eventId: string, code: string, message: string): IngestResult => ({
  eventId,
  status: 'rejected',
  code,
  message,
});
