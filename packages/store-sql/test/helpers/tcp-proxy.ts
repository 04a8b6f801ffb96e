import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/** A TCP relay between a connection pool and a database server that a test can cut or silence at will. */
export interface TcpProxy {
  port: number;
  /** Destroy every open connection, both sides, like a network failure. New connections still work. */
  cut(): void;
  /**
   * Drop every packet from now on, like a network that loses them or a server that hangs: open
   * connections stay open but nothing more crosses in either direction, and new connections are
   * accepted but never reach the server. Nobody is told; only timeouts notice.
   */
  blackhole(): void;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let silent = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  /** Read and discard: what arrives goes nowhere, and no buffer fills up. */
  const swallow = (socket: Socket) => {
    socket.on('data', () => undefined);
    socket.resume();
  };
  const server: Server = createServer((client) => {
    track(client);
    if (silent) {
      swallow(client);
      return;
    }
    const upstream = tcpConnect(targetPort, targetHost);
    track(upstream);
    const pair = { client, upstream };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: address.port,
    cut,
    blackhole() {
      silent = true;
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        swallow(client);
        swallow(upstream);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}
