// Namespaces for the namespace picker. Users without cluster-wide list rights get a 403: then the
// context's own namespace is the only offer.
import type { KubernetesTargetConfig } from './jobSpec';
import { kubeStatusOf } from './kubeErrors';
import { loadKubeConfig } from './kubeconfig';
import { loadK8s } from './k8sLib';

export async function listNamespaces(target: Pick<KubernetesTargetConfig, 'context'>, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const { kubeConfig, namespace } = await loadKubeConfig(target, env);
  const k8s = await loadK8s();
  try {
    const list = await kubeConfig.makeApiClient(k8s.CoreV1Api).listNamespace();
    const names = list.items.map((item) => item.metadata?.name).filter((name): name is string => !!name);
    return names.length ? names.sort() : [namespace];
  } catch (error) {
    if (kubeStatusOf(error).code === 403) return [namespace];
    throw error;
  }
}
