import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TcpTransport } from '../../hardware/transport/tcp';
import { TransportError, type CloseInfo } from '../../hardware/transport/types';

/** A real serial-device server stand-in on 127.0.0.1, port chosen by the OS. */
async function startServer(): Promise<{ server: Server; port: number; accepted: Promise<Socket> }> {
  const server = createServer();
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, accepted };
}

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function connected() {
  const { server, port, accepted } = await startServer();
  cleanups.push(() => new Promise((r) => server.close(r)));
  const t = new TcpTransport('127.0.0.1', port);
  cleanups.push(() => t.close());
  await t.open();
  const peer = await accepted;
  cleanups.push(() => {
    peer.destroy();
  });
  return { t, peer, port };
}

function nextData(t: TcpTransport, bytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const on = (b: Buffer) => {
      parts.push(b);
      const all = Buffer.concat(parts);
      if (all.length >= bytes) {
        t.off('data', on);
        resolve(all);
      }
    };
    t.on('data', on);
  });
}

describe('TcpTransport against a real TCP server', () => {
  it('opens, is open, and names the address in its description', async () => {
    const { t, port } = await connected();
    expect(t.isOpen).toBe(true);
    expect(t.description).toBe(`tcp://127.0.0.1:${port}`);
  });

  it('writes bytes to the server and emits what the server sends', async () => {
    const { t, peer } = await connected();
    const atServer = new Promise<Buffer>((resolve) => peer.once('data', resolve));
    await t.write('$H,0,SYNC,dev=W*1234\r\n');
    expect((await atServer).toString('latin1')).toBe('$H,0,SYNC,dev=W*1234\r\n');

    const atDesk = nextData(t, 6);
    peer.write(Buffer.from([0x24, 0x57, 0x00, 0xff, 0x0d, 0x0a]));
    expect([...(await atDesk)]).toEqual([0x24, 0x57, 0x00, 0xff, 0x0d, 0x0a]);
  });

  it('rejects a write before open with TransportError io "not open"', async () => {
    const t = new TcpTransport('127.0.0.1', 1);
    const err = await t.write('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ kind: 'io', message: 'tcp://127.0.0.1:1: not open' });
  });

  it('emits close {disconnected: true} when the server closes the socket, then rejects writes', async () => {
    const { t, peer, port } = await connected();
    const closed = once(t, 'close') as Promise<[CloseInfo]>;
    peer.end();
    const [info] = await closed;
    expect(info.disconnected).toBe(true);
    expect(info.reason).toContain(`tcp://127.0.0.1:${port} closed by the other end`);
    expect(t.isOpen).toBe(false);
    await expect(t.write('x')).rejects.toMatchObject({ kind: 'io' });
  });

  it('emits close {disconnected: true} when the server resets the connection', async () => {
    const { t, peer } = await connected();
    const closed = once(t, 'close') as Promise<[CloseInfo]>;
    peer.resetAndDestroy();
    const [info] = await closed;
    expect(info.disconnected).toBe(true);
    expect(t.isOpen).toBe(false);
  });

  it('gives TransportError refused (retryable) when nothing listens on the port', async () => {
    const { server, port } = await startServer();
    await new Promise((r) => server.close(r));
    const t = new TcpTransport('127.0.0.1', port);
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ kind: 'refused', retryable: true });
    expect((err as Error).message).toBe(`tcp://127.0.0.1:${port}: connection refused`);
    expect(t.isOpen).toBe(false);
  });

  it('close() is idempotent and emits no close event for our own close', async () => {
    const { t, peer } = await connected();
    const events: CloseInfo[] = [];
    t.on('close', (i) => events.push(i));
    const peerSawEnd = once(peer, 'end');
    await t.close();
    await t.close();
    await peerSawEnd;
    expect(t.isOpen).toBe(false);
    expect(events).toEqual([]);
    await expect(t.write('x')).rejects.toMatchObject({ kind: 'io' });
  });

  it('close() before open resolves', async () => {
    await expect(new TcpTransport('127.0.0.1', 1).close()).resolves.toBeUndefined();
  });

  it('can open again after the server dropped it (a reconnect), and the new connection carries data', async () => {
    const { server, port } = await startServer();
    cleanups.push(() => new Promise((r) => server.close(r)));
    const peers: Socket[] = [];
    server.on('connection', (s) => peers.push(s));
    cleanups.push(() => peers.forEach((p) => p.destroy()));
    const t = new TcpTransport('127.0.0.1', port);
    cleanups.push(() => t.close());
    await t.open();
    await vi.waitFor(() => expect(peers).toHaveLength(1));
    const closed = once(t, 'close');
    peers[0]?.destroy();
    await closed;

    await t.open();
    expect(t.isOpen).toBe(true);
    await vi.waitFor(() => expect(peers).toHaveLength(2));
    const got = once(peers[1] as Socket, 'data') as Promise<[Buffer]>;
    await t.write('again');
    expect((await got)[0].toString()).toBe('again');
  });
});
