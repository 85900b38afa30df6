// Kubeconfig loading the way kubectl does it: KUBECONFIG may list several files (merged, the first
// file wins on duplicate names and sets the current context), else ~/.kube/config, else in-cluster.
import { delimiter } from 'node:path';
import type { KubernetesTargetConfig } from './jobSpec';
import { loadK8s, type K8s } from './k8sLib';

export interface LoadedKubeConfig {
  kubeConfig: K8s.KubeConfig;
  context: string;
  namespace: string;
  server: string;
}

export class KubeConfigError extends Error {}

export async function loadKubeConfig(target: Pick<KubernetesTargetConfig, 'context' | 'namespace'>, env: NodeJS.ProcessEnv = process.env): Promise<LoadedKubeConfig> {
  const k8s = await loadK8s();
  const kubeConfig = new k8s.KubeConfig();
  const files = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  try {
    if (files.length > 1) {
      kubeConfig.loadFromFile(files[0]);
      for (const file of files.slice(1)) {
        const next = new k8s.KubeConfig();
        next.loadFromFile(file);
        // kubectl semantics: the first definition of a name wins; later files only add.
        for (const cluster of next.clusters) if (!kubeConfig.getCluster(cluster.name)) kubeConfig.addCluster(cluster);
        for (const user of next.users) if (!kubeConfig.getUser(user.name)) kubeConfig.addUser(user);
        for (const context of next.contexts) if (!kubeConfig.getContextObject(context.name)) kubeConfig.addContext(context);
        if (!kubeConfig.getCurrentContext() && next.getCurrentContext()) kubeConfig.setCurrentContext(next.getCurrentContext());
      }
    } else if (files.length === 1) {
      kubeConfig.loadFromFile(files[0]);
    } else {
      kubeConfig.loadFromDefault();
    }
  } catch (error) {
    throw new KubeConfigError(`cannot read kubeconfig${files.length ? ` (${files.join(delimiter)})` : ''}: ${(error as Error).message}`);
  }
  if (target.context) {
    if (!kubeConfig.getContextObject(target.context)) {
      throw new KubeConfigError(`kubeconfig has no context "${target.context}" (contexts: ${kubeConfig.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    }
    kubeConfig.setCurrentContext(target.context);
  }
  const context = kubeConfig.getContextObject(kubeConfig.getCurrentContext());
  const cluster = kubeConfig.getCurrentCluster();
  if (!context || !cluster) throw new KubeConfigError('kubeconfig has no current context with a cluster; pick a context in the target ("context")');
  return { kubeConfig, context: context.name, namespace: target.namespace ?? context.namespace ?? 'default', server: cluster.server };
}

/** Context names for a picker. */
export async function listContexts(env: NodeJS.ProcessEnv = process.env): Promise<{ name: string; namespace?: string; current: boolean }[]> {
  const { kubeConfig } = await loadKubeConfig({}, env);
  const current = kubeConfig.getCurrentContext();
  return kubeConfig.getContexts().map((context) => ({ name: context.name, namespace: context.namespace, current: context.name === current }));
}
