// Progress on stderr: one updating line on a terminal, one line per step otherwise (logs, CI).

export interface Progress {
  update(line: string): void;
  done(line?: string): void;
}

/** Progress lines on `stream` (stderr): one line rewritten in place on a terminal, one line per update otherwise; silent when not `enabled`. */
export function stderrProgress(enabled = true, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  let last = '';
  return {
    update(line) {
      if (!enabled) return;
      if (tty) stream.write(`\r\u001b[2K${line}`);
      else stream.write(`${line}\n`);
      last = line;
    },
    done(line) {
      if (!enabled) return;
      if (tty && last) stream.write('\r\u001b[2K');
      if (line) stream.write(`${line}\n`);
      else if (tty && last) stream.write(`${last}\n`);
    },
  };
}

/** `count` per second over `seconds`, rounded; `count` itself when no time passed. */
export function perSecond(count: number, seconds: number): number {
  return seconds > 0 ? Math.round(count / seconds) : count;
}
