// Starts the local Kubernetes API with both real CRDs, the operator simulation and a stand-in
// Spark UI (what port-forwards reach), and writes a kubeconfig for it. One call per test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { APACHE_CRD_FILE, KUBEFLOW_CRD_FILE, loadCrd } from './crdSchemas';
import { KubeApiServer } from './kubeApiServer';
import { SparkOperatorSim } from './sparkOperatorSim';

export const SPARK_UI_PAGE = '<html><head><title>Spark Jobs</title></head><body>Spark UI stand-in</body></html>';

export interface LocalKube {
  api: KubeApiServer;
  operator: SparkOperatorSim;
  url: string;
  token: string;
  dir: string;
  kubeconfig: string;
  stop(): Promise<void>;
}

export function writeKubeconfig(file: string, server: string, token: string, namespace = 'spark-jobs', caCert?: string): void {
  // Plain HTTP needs insecure-skip-tls-verify for client-node 1.x; HTTPS gets the CA instead.
  const cluster = caCert ? { server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') } : { server, 'insecure-skip-tls-verify': true };
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'local', cluster }],
      users: [{ name: 'tester', user: { token } }],
      contexts: [{ name: 'local', context: { cluster: 'local', user: 'tester', namespace } }],
      'current-context': 'local',
    }),
  );
}

export async function startLocalKube(stepMs = 80, runningSteps = 6, tls?: { key: string; cert: string }): Promise<LocalKube> {
  const ui: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(SPARK_UI_PAGE));
  await new Promise<void>((resolve) => ui.listen(0, '127.0.0.1', resolve));
  const uiPort = (ui.address() as AddressInfo).port;
  const token = `test-token-${Date.now()}`;
  const api = new KubeApiServer({
    token,
    crds: [...loadCrd(KUBEFLOW_CRD_FILE), ...loadCrd(APACHE_CRD_FILE)],
    podPort: (_ns, _pod, port) => (port === 4040 ? uiPort : undefined),
    tls,
  });
  const url = await api.start();
  const operator = new SparkOperatorSim(api, { stepMs, runningSteps });
  const dir = mkdtempSync(join(tmpdir(), 'sparkml-kube-'));
  const kubeconfig = join(dir, 'config');
  writeKubeconfig(kubeconfig, url, token, 'spark-jobs', tls?.cert);
  return {
    api,
    operator,
    url,
    token,
    dir,
    kubeconfig,
    async stop() {
      operator.stop();
      await api.stop();
      ui.closeAllConnections();
      await new Promise<void>((resolve) => ui.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
