import { connect, type Socket } from 'node:net';

// A streamed HTTP/1.1 GET on a bare TCP socket, for the fan-out benchmark's clients. A browser
// parses HTTP in native code on its own machine; here thousands of stand-in clients share two
// cores with the page they measure, and Node's http client (llhttp through IncomingMessage, a
// Readable stream per response) cost most of their CPU per push, time the page then waited for.
// This reads the response head once and then the chunked body (RFC 9112 §7.1) straight off the
// socket: every read lands in one buffer that all the streams of a process share (net's `onread`
// option), so a read allocates nothing and passes through no stream; a handler copies what it keeps.

/** The response head: status code and the headers a streamed body needs, lower-cased. */
export interface ResponseHead {
  status: number;
  headers: Map<string, string>;
}

export interface RawStreamHandlers {
  /** The head arrived. */
  onHead(head: ResponseHead): void;
  /**
   * Body bytes (the chunked framing removed), with the epoch ms of the read that brought them.
   * `bytes` is a view of the shared read buffer, valid only until the handler returns: copy what you keep.
   */
  onBody(bytes: Buffer, at: number): void;
  /** The connection failed, or closed (after or before a head): called once. */
  onClose(hadHead: boolean): void;
}

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
/** A response head larger than this is not one the page sends: the client gives up. */
const MAX_HEAD_BYTES = 16 * 1024;
/** Where every stream of this process reads into (each read is handled before the next one). */
const READ_BUFFER = Buffer.alloc(64 * 1024);

/**
 * Removes HTTP/1.1 chunked framing from a body that arrives in arbitrary pieces: each chunk is
 * its size in hex (with optional `;extensions`), CRLF, that many bytes, CRLF; a chunk of size 0
 * ends the body (trailers are not read: the page sends none).
 */
export class ChunkedDecoder {
  /** 'size': reading the size line; 'data': `remaining` bytes of a chunk left; 'crlf': the CRLF after a chunk; 'done': the body ended. */
  #state: 'size' | 'data' | 'crlf' | 'done' = 'size';
  #sizeLine = '';
  #remaining = 0;
  #crlfLeft = 0;

  /** True once the zero-size chunk that ends the body was read. */
  get done(): boolean {
    return this.#state === 'done';
  }

  /**
   * Feeds the next bytes read from the connection.
   * @returns the body bytes they carry, in order (subarrays of `bytes`, not copies)
   * @throws Error on a size line that is not hexadecimal or is longer than 64 characters
   */
  push(bytes: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let i = 0;
    while (i < bytes.length && this.#state !== 'done') {
      if (this.#state === 'data') {
        const take = Math.min(this.#remaining, bytes.length - i);
        out.push(bytes.subarray(i, i + take));
        i += take;
        this.#remaining -= take;
        if (this.#remaining === 0) {
          this.#state = 'crlf';
          this.#crlfLeft = 2;
        }
      } else if (this.#state === 'crlf') {
        const take = Math.min(this.#crlfLeft, bytes.length - i);
        i += take;
        this.#crlfLeft -= take;
        if (this.#crlfLeft === 0) this.#state = 'size';
      } else {
        const after = this.#sizeLine === '' ? this.#plainSize(bytes, i) : -1;
        if (after >= 0) { i = after; continue; }
        const lf = bytes.indexOf(0x0a, i);
        const end = lf < 0 ? bytes.length : lf;
        this.#sizeLine += bytes.toString('latin1', i, end);
        if (this.#sizeLine.length > 64) throw new Error('a chunk size line longer than 64 characters');
        if (lf < 0) break;
        i = lf + 1;
        const hex = this.#sizeLine.replace(/\r$/, '').split(';')[0]!.trim();
        this.#sizeLine = '';
        if (!/^[0-9a-fA-F]+$/.test(hex)) throw new Error(`a chunk size that is not hexadecimal: ${JSON.stringify(hex.slice(0, 20))}`);
        this.#remaining = parseInt(hex, 16);
        this.#state = this.#remaining === 0 ? 'done' : 'data';
      }
    }
    return out;
  }

  /**
   * The common size line, read without making strings (once per push on thousands of streams):
   * hex digits then CRLF, whole in `bytes` from `from`. Sets the state from it.
   * @returns the index after the line, or -1 when the line is not that (the general path reads it)
   */
  #plainSize(bytes: Buffer, from: number): number {
    let size = 0;
    let i = from;
    for (; i < bytes.length && i - from < 16; i++) {
      const c = bytes[i]!;
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (digit < 0) break;
      size = size * 16 + digit;
    }
    if (i === from || i + 1 >= bytes.length || bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) return -1;
    this.#remaining = size;
    this.#state = size === 0 ? 'done' : 'data';
    return i + 2;
  }
}

/**
 * Parses a response head (status line and header lines, without the blank line that ends it).
 * @throws Error when the status line is not `HTTP/1.x <3 digits>`
 */
export function parseResponseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (status === undefined) throw new Error(`not an HTTP/1.x status line: ${JSON.stringify(statusLine.slice(0, 40))}`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(status), headers };
}

/**
 * Opens `GET path` on host:port with `headers` and streams the response body to `handlers`
 * (chunked framing removed; a body without it is passed as read, until the connection closes).
 * @returns the socket (destroy it to end the stream; onClose is called then too)
 */
export function openRawStream(host: string, port: number, path: string, headers: Record<string, string>, handlers: RawStreamHandlers): Socket {
  const socket = connect({ host, port, noDelay: true, onread: { buffer: READ_BUFFER, callback: (length) => { read(READ_BUFFER.subarray(0, length)); return true; } } });
  const request = [`GET ${path} HTTP/1.1`, `Host: ${host}:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  socket.write(request, 'latin1');
  let head: ResponseHead | undefined;
  let headBytes: Buffer | undefined;
  let decoder: ChunkedDecoder | undefined;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    handlers.onClose(head !== undefined);
  };
  const body = (bytes: Buffer, at: number): void => {
    if (!decoder) {
      if (bytes.length > 0) handlers.onBody(bytes, at);
      return;
    }
    for (const piece of decoder.push(bytes)) handlers.onBody(piece, at);
    if (decoder.done) socket.destroy();
  };
  const read = (bytes: Buffer): void => {
    const at = Date.now();
    try {
      if (head) { body(bytes, at); return; }
      headBytes = headBytes ? Buffer.concat([headBytes, bytes]) : Buffer.from(bytes);
      const end = headBytes.indexOf(HEAD_END);
      if (end < 0) {
        if (headBytes.length > MAX_HEAD_BYTES) socket.destroy();
        return;
      }
      head = parseResponseHead(headBytes.toString('latin1', 0, end));
      const rest = headBytes.subarray(end + HEAD_END.length);
      headBytes = undefined;
      if (/\bchunked\b/i.test(head.headers.get('transfer-encoding') ?? '')) decoder = new ChunkedDecoder();
      handlers.onHead(head);
      if (!socket.destroyed) body(rest, at);
    } catch {
      socket.destroy();
    }
  };
  socket.on('error', () => undefined);
  socket.on('close', close);
  return socket;
}
