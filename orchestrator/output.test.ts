import { CommanderError } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../shared/errors.ts';
import { reportFailure } from './output.ts';

describe('reportFailure', () => {
  it('prints a Tally error as one line and returns its code', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(reportFailure(new ConfigError('tally.yaml: invalid value at environments.local.ui.port'), false)).toBe(4);
      expect(write.mock.calls.map((c) => String(c[0]))).toEqual(['tally: tally.yaml: invalid value at environments.local.ui.port\n']);
    } finally {
      write.mockRestore();
    }
  });

  it('maps commander\'s usage errors to 2 and its --help to 0', () => {
    expect(reportFailure(new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'"), false)).toBe(2);
    expect(reportFailure(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), false)).toBe(0);
  });

  it('says a service could not be reached for a raw socket error, naming the code', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      expect(reportFailure(refused, false)).toBe(3);
      expect(String(write.mock.calls[0]?.[0])).toBe('tally: a service could not be reached (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:5432; is the stack up? (tally stack status)\n');
    } finally {
      write.mockRestore();
    }
  });
});
