// @kubernetes/client-node 1.x is an ES module; this package compiles to CommonJS, so it is loaded
// with a dynamic import (esbuild bundles it; tsx resolves it) and typed through a type-only import.
import type * as K8s from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

export type { K8s };

let loaded: Promise<typeof K8s> | undefined;

export function loadK8s(): Promise<typeof K8s> {
  loaded ??= import('@kubernetes/client-node');
  return loaded;
}
