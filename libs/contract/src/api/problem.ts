import { z } from 'zod';

/** One thing wrong with a request: `path` is a JSON Pointer into the body, or a parameter's name. */
export const ProblemItemSchema = z.strictObject({
  path: z.string().meta({ examples: ['/3/data/persons', 'from'] }),
  message: z.string(),
  code: z.string().meta({ examples: ['too_small', 'UNKNOWN_PARAMETER'] }),
});

/** RFC 9457 problem details with Vigil's stable `code` (CONTRACT.md §5). */
export const ProblemDetailsSchema = z.strictObject({
  type: z
    .string()
    .min(1)
    .meta({ description: 'a URI naming the kind of problem', examples: ['urn:vigil:problem:validation-failed'] }),
  title: z.string().min(1),
  status: z.int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional().meta({ description: 'the request path' }),
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .meta({ examples: ['VALIDATION_FAILED', 'UNKNOWN_PARAMETER', 'UNIT_NOT_FOUND', 'OUT_OF_SCOPE'] }),
  problems: z.array(ProblemItemSchema).optional(),
});

export type ProblemItemAnswer = z.infer<typeof ProblemItemSchema>;
export type ProblemDetailsAnswer = z.infer<typeof ProblemDetailsSchema>;

export const EXAMPLE_PROBLEM: ProblemDetailsAnswer = {
  type: 'urn:vigil:problem:unknown-parameter',
  title: 'Invalid request',
  status: 400,
  detail: 'The query parameters are not valid.',
  instance: '/v1/units/VN-LCI/stats?from=2024-01-01&to=2024-06-30&severty=serious',
  code: 'UNKNOWN_PARAMETER',
  problems: [
    {
      path: 'severty',
      message: 'is not a parameter of this endpoint (it takes: from, to, category, severity, breakdown, asOf)',
      code: 'UNKNOWN_PARAMETER',
    },
  ],
};
