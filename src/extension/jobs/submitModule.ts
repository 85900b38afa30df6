// Loads dist/submit.js (src/submit/api.ts) on first use: the Kubernetes and AWS clients it carries
// would otherwise be parsed at every activation.
import { join } from 'node:path';
import type * as SubmitApiModule from '../../submit/api';

export type SubmitApi = typeof SubmitApiModule;

let loaded: SubmitApi | undefined;

export function submitApi(extensionPath: string): SubmitApi {
  // A computed path: esbuild leaves this require to run time instead of bundling the module here.
  const bundle = join(extensionPath, 'dist', 'submit.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a run-time load of a sibling bundle
  loaded ??= require(bundle) as SubmitApi;
  return loaded;
}
