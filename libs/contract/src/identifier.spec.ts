import { IdentifierSchema } from './identifier';

describe('IdentifierSchema', () => {
  it.each([
    'VN',
    'VN-LCI',
    'VN-LCI-LCC-COCSAN',
    'LC-2024-000123',
    'eid.level2.issued',
    'LC-2024-000123:A1',
    'a_b',
    'x'.repeat(64),
  ])('accepts %s', (id) => {
    expect(IdentifierSchema.parse(id)).toBe(id);
  });

  it.each([
    ['', 'must not be empty'],
    ['x'.repeat(65), 'must be at most 64 characters'],
    ['SC-138/2024', 'may contain only letters, digits and . _ : -'],
    ['VN LCI', 'may contain only letters, digits and . _ : -'],
    ['Cốc-San', 'may contain only letters, digits and . _ : -'],
  ])('rejects %j: %s', (id, message) => {
    const result = IdentifierSchema.safeParse(id);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });
});
