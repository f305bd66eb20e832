import { z } from 'zod';

/** Free text (names, titles, reasons): not blank, bounded so a payload cannot grow without limit. */
export function textSchema(maxLength: number) {
  return z
    .string()
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .regex(/\S/, { error: 'must not be blank' });
}
