import { type VigilUnderTest, eventually } from './vigil-under-test';

/**
 * The relay of a fresh test namespace starts at the log's head as it stands when it takes its
 * leader lock, in the background after start-up: an event appended before that is never published.
 * So scenarios post nothing before the relay leads.
 */
export const relayLeading = (vigil: VigilUnderTest) =>
  eventually(async () => {
    const ready = (await (await fetch(`${vigil.url}/health/ready`)).json()) as {
      checks?: { relay?: { details?: { leader?: boolean } } };
    };
    return ready.checks?.relay?.details?.leader === true ? true : undefined;
  }, 30_000);
