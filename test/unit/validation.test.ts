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
});
