import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Stops carrying bytes either way and holds new connections: a frozen server, as seen from outside. */
  freeze(): void;
  /** Carries on where it stopped. */
  thaw(): void;
  /** Cuts every open connection and keeps listening: the network dropped them, the server stays. */
  dropConnections(): void;
  /** Drops every connection and stops listening: the server is gone. */
  close(): Promise<void>;
}

/**
 * A TCP relay in front of a real server, for tests that need that server to freeze (SIGSTOP
 * on a shared PostgreSQL would stop every other test) or to vanish.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  /** Bytes that arrived while frozen, in order, with where they were going. */
  let held: [Socket, Buffer][] = [];
  let isFrozen = false;
  const relay = (from: Socket, to: Socket): void => {
    from.on('data', (chunk: Buffer) => {
      if (isFrozen) held.push([to, chunk]);
      else to.write(chunk);
    });
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    relay(client, upstream);
    relay(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no port');
  return {
    port: address.port,
    freeze() {
      isFrozen = true;
    },
    thaw() {
      isFrozen = false;
      for (const [to, chunk] of held) if (!to.destroyed) to.write(chunk);
      held = [];
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
