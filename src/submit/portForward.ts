// Spark UI through `kubectl port-forward`-style tunnels made by the client library: a local TCP
// server on 127.0.0.1 where each accepted connection gets its own WebSocket tunnel to the pod's
// port. A dropped tunnel only breaks the connections it carried; the browser's next request opens
// a new one (resolving the pod again, so a restarted driver is found).
import { createServer, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { loadK8s, type K8s } from './k8sLib';

export interface PortForwardHandle {
  localPort: number;
  url: string;
  /** Tunnels opened so far (one per TCP connection). */
  tunnelsOpened(): number;
  close(): Promise<void>;
}

export async function startPortForward(
  kubeConfig: K8s.KubeConfig,
  namespace: string,
  findPod: () => Promise<string | undefined>,
  remotePort: number,
  signal?: AbortSignal,
): Promise<PortForwardHandle> {
  const k8s = await loadK8s();
  const sockets = new Set<Socket>();
  let opened = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    void (async () => {
      const pod = await findPod().catch(() => undefined);
      if (!pod) return socket.destroy();
      const errors = new PassThrough();
      try {
        const forward = new k8s.PortForward(kubeConfig, true);
        const ws = (await forward.portForward(namespace, pod, [remotePort], socket, errors, socket)) as unknown as {
          on(event: 'close', listener: () => void): void;
          close(): void;
        };
        opened += 1;
        ws.on('close', () => socket.end());
        socket.on('close', () => ws.close());
      } catch {
        socket.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const localPort = (server.address() as AddressInfo).port;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  signal?.addEventListener('abort', () => void close(), { once: true });
  return { localPort, url: `http://127.0.0.1:${localPort}/`, tunnelsOpened: () => opened, close };
}
