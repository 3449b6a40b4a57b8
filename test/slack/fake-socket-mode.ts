import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Just enough of Slack's Socket Mode WebSocket endpoint (the URL `apps.connections.open` hands out) on
 * node:http: the RFC 6455 handshake, a `hello` when the test says so, pong for ping, and the closing
 * handshake. Nothing is dispatched over it; the tests use it to see when the app starts and serves.
 */
export class FakeSocketMode {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Bytes of a client frame that has not fully arrived yet. */
  private readonly buffered = new Map<Socket, Buffer>();
  private onConnect: (() => void) | undefined;
  /** Resolves when the app has opened the WebSocket. */
  readonly connected = new Promise<void>((resolve) => {
    this.onConnect = resolve;
  });
  url = '';

  async start(): Promise<this> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket) => this.accept(req, socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
    return this;
  }

  /** Slack's first message on a new connection; the client counts as connected only after it. */
  hello(): void {
    const hello = { type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } };
    for (const socket of this.sockets) socket.write(frame(0x1, Buffer.from(JSON.stringify(hello))));
  }

  /** Lets a closing handshake the app has started finish (briefly), then drops whatever is left. */
  async close(): Promise<void> {
    const closing = [...this.sockets].map(
      (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())),
    );
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([Promise.all(closing), grace]);
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(req: IncomingMessage, socket: Socket): void {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('data', (data: Buffer) => this.receive(socket, data));
    this.onConnect?.();
  }

  private receive(socket: Socket, data: Buffer): void {
    let pending = Buffer.concat([this.buffered.get(socket) ?? Buffer.alloc(0), data]);
    for (let next = readFrame(pending); next; next = readFrame(pending)) {
      pending = pending.subarray(next.size);
      if (next.opcode === 0x9) socket.write(frame(0xa, next.payload));
      if (next.opcode === 0x8) {
        // The server ends the TCP connection after answering the client's close frame (RFC 6455, 7.1.1).
        socket.end(frame(0x8, next.payload));
      }
    }
    this.buffered.set(socket, pending);
  }
}

/** An unmasked, unfragmented server frame (payloads here stay under 64 KiB). */
function frame(opcode: number, payload: Buffer): Buffer {
  const header =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** The first complete (masked) client frame in `data`, or undefined while it has not fully arrived. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (data.length < 2) return undefined;
  const short = data[1]! & 0x7f;
  const offset = short === 126 ? 4 : 2;
  if (short === 127 || data.length < offset + 4) return undefined;
  const length = short === 126 ? data.readUInt16BE(2) : short;
  const size = offset + 4 + length;
  if (data.length < size) return undefined;
  const mask = data.subarray(offset, offset + 4);
  const payload = Buffer.from(data.subarray(offset + 4, size));
  for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
  return { opcode: data[0]! & 0x0f, payload, size };
}
