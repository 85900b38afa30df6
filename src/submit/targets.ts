// One place that maps a target config to its implementation.
import { createApacheTarget } from './apacheOperator';
import { createIometeTarget } from './iomete';
import type { TargetConfig } from './jobSpec';
import { createKubeflowTarget } from './kubeflowOperator';
import { createLocalTarget } from './local';
import type { Target, TokenProvider } from './target';

export interface TargetDependencies {
  /** IOMETE API token (SecretStorage in the editor, SPARKML_IOMETE_TOKEN in the CLI). */
  iometeTokens: TokenProvider;
  env?: NodeJS.ProcessEnv;
  /** Folder of the spec file: the local target runs spark-submit there. */
  cwd?: string;
}

export function createTarget(config: TargetConfig, deps: TargetDependencies): Target {
  switch (config.type) {
    case 'iomete':
      return createIometeTarget(config, { tokens: deps.iometeTokens });
    case 'kubeflow':
      return createKubeflowTarget(config, { env: deps.env });
    case 'apache':
      return createApacheTarget(config, { env: deps.env });
    case 'local':
      return createLocalTarget(config, { env: deps.env, cwd: deps.cwd });
  }
}
