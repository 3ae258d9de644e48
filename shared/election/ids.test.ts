import { describe, expect, it } from 'vitest';
import { deterministicUuid, registrationNumberFor } from './ids.ts';

describe('deterministicUuid', () => {
  it('keeps the ids registered elections already have (values pinned from the first implementation)', () => {
    expect(deterministicUuid('voter', 42, 'en_GB', 0)).toBe('f2bc8881-a0b6-5141-b578-eb36d36b2e4e');
    expect(deterministicUuid('voter', 42, 'en_GB', 999999)).toBe('8c72b594-25dc-51ac-9c73-59c7e37ef9b2');
    expect(deterministicUuid('candidate', 7, 'x')).toBe('f6925dc8-642c-5577-94d6-af209853c61e');
  });

  it('is a version 5 UUID with the RFC 4122 variant', () => {
    for (let i = 0; i < 200; i++) {
      expect(deterministicUuid('voter', 1, 'en', i)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('registrationNumberFor', () => {
  it('is the first 64 bits of the id, upper-cased in four groups', () => {
    expect(registrationNumberFor('f2bc8881-a0b6-5141-b578-eb36d36b2e4e')).toBe('ER-F2BC-8881-A0B6-5141');
  });
});
