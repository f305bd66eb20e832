import { z } from 'zod';

export const FREE_TEXT_MAX_LENGTH = 200;

// Cc is exactly the C0 controls, DEL and the C1 controls. With the `u` flag a surrogate class
// matches only a surrogate that is not half of a pair.
const CONTROL_CHARACTER = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const VISIBLE = /\S/;

function describeAt(value: string, match: RegExpExecArray): string {
  const hex = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} at character ${[...value.slice(0, match.index)].length + 1}`;
}

/**
 * Free text at the door (CONTRACT.md §2, 1.1): names, titles, codes, reasons and metadata strings are
 * 1–200 characters (code points, as JSON Schema counts them) of valid Unicode, not blank, without
 * control characters, so that anything accepted can be stored and indexed by PostgreSQL.
 */
export const FreeTextSchema = z
  .string()
  .superRefine((value, ctx) => {
    const surrogate = LONE_SURROGATE.exec(value);
    if (surrogate) {
      ctx.addIssue({
        code: 'invalid_format',
        format: 'unicode',
        message: `must be valid Unicode; it holds a lone surrogate ${describeAt(value, surrogate)}`,
      });
      return;
    }
    const control = CONTROL_CHARACTER.exec(value);
    if (control) {
      ctx.addIssue({
        code: 'invalid_format',
        format: 'regex',
        message: `must not contain control characters (U+0000–U+001F, U+007F–U+009F); it holds ${describeAt(value, control)}`,
      });
      return;
    }
    const length = [...value].length;
    if (length === 0) {
      ctx.addIssue({ code: 'too_small', origin: 'string', minimum: 1, inclusive: true, message: 'must not be empty' });
    } else if (length > FREE_TEXT_MAX_LENGTH) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'string',
        maximum: FREE_TEXT_MAX_LENGTH,
        inclusive: true,
        message: `must be at most ${FREE_TEXT_MAX_LENGTH} characters; it has ${length}`,
      });
    } else if (!VISIBLE.test(value)) {
      ctx.addIssue({ code: 'invalid_format', format: 'regex', message: 'must not be blank' });
    }
  })
  .meta({
    description: `1–${FREE_TEXT_MAX_LENGTH} characters of valid Unicode (no lone surrogates), not blank, without control characters`,
    minLength: 1,
    maxLength: FREE_TEXT_MAX_LENGTH,
    pattern: '^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$',
  });

/**
 * Free text as version 1.0 took it (not blank, at most `maxLength` UTF-16 units): what the decoder of
 * stored events keeps accepting, so that no event stored before 1.1 becomes undecodable.
 */
export function storedTextSchema(maxLength: number) {
  return z
    .string()
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .regex(/\S/, { error: 'must not be blank' });
}
