import { z } from 'zod';
import { Problem } from '../../api/http/problem';
import { parseInput } from '../../api/http/validation';

describe('parseInput', () => {
  const schema = z.object({ note: z.string().min(1), count: z.number().int() });

  it('returns the parsed value', () => {
    expect(parseInput(schema, { note: 'a', count: 2 }, 'body')).toEqual({ note: 'a', count: 2 });
  });

  it('names every bad field, in Vietnamese and in English', () => {
    let caught: unknown;
    try {
      parseInput(schema, { note: '', count: 1.5 }, 'body');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Problem);
    const body = (caught as Problem).toBody();
    expect(body.status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toEqual(['body.note', 'body.count']);
    expect(body.errors?.[0]?.message).toMatch(/Quá nhỏ/);
    expect(body.errors?.[0]?.messageEn).toMatch(/Too small/);
  });

  it('refuses a NUL byte anywhere in the input with a 400 naming the field, before the database sees it', () => {
    const loose = z.object({ targets: z.array(z.object({ source: z.string() })) });
    let caught: unknown;
    try {
      parseInput(loose, { targets: [{ source: 'Kế hoạch\u0000' }] }, 'body');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Problem);
    expect((caught as Problem).status).toBe(400);
    expect((caught as Problem).toBody()).toMatchObject({ errors: [{ field: 'body.targets.0.source' }] });
    expect(() => parseInput(z.object({ provinceId: z.string() }), { provinceId: 'SX\u0000' }, 'query')).toThrow(Problem);
  });
});
