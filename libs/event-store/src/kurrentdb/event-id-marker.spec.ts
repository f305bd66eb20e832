import { fromMarkerEvent, isMarkerStream, markerStreamOf, MARKER_EVENT_TYPE, toMarkerEventData } from './event-id-marker';

describe('event id markers', () => {
  it('names one system stream per event id, in lower case', () => {
    expect(markerStreamOf('0B6A1C9E-3F0F-4C61-9A59-3C2B3D6F7A10')).toBe('$vigil-eventid-0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10');
    expect(isMarkerStream('$vigil-eventid-0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10')).toBe(true);
    expect(isMarkerStream('case-LC-2024-000123')).toBe(false);
  });

  it('holds the stream id and the content hash, and reads them back', () => {
    const data = toMarkerEventData({ streamId: 'case-LC-1', contentHash: 'ab12' });

    expect(data).toMatchObject({ type: MARKER_EVENT_TYPE, contentType: 'application/json' });
    expect(data.data).toEqual({ streamId: 'case-LC-1', contentHash: 'ab12' });
    expect(fromMarkerEvent({ id: data.id, streamId: '$vigil-eventid-x', data: data.data })).toEqual({
      streamId: 'case-LC-1',
      contentHash: 'ab12',
    });
    const bytes = new TextEncoder().encode('{"streamId":"case-LC-1","contentHash":"ab12"}');
    expect(fromMarkerEvent({ id: data.id, streamId: '$vigil-eventid-x', data: bytes })).toEqual({
      streamId: 'case-LC-1',
      contentHash: 'ab12',
    });
  });

  it('refuses a marker without its fields', () => {
    expect(() => fromMarkerEvent({ id: 'm', streamId: '$vigil-eventid-x', data: { streamId: 'case-1' } })).toThrow(
      'lacks streamId or contentHash',
    );
  });
});
