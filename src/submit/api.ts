// What the editor uses from src/submit, bundled on its own (dist/submit.js) so the Kubernetes and
// AWS clients load on the first submission, never at activation.
export { findSpecFile, locateJob, uploadAndSubmit, type LocatedJob } from './submitJob';
export { createTarget } from './targets';
export { envTokenProvider } from './iomete';
export { JOB_SPEC_FILE_NAME, loadJobSpecFile, JobSpecError, type JobSpecFile, type JobSpec, type TargetConfig } from './jobSpec';
export { listContexts } from './kubeconfig';
export { newSubmissionId, runNameFor } from './runName';
export { TERMINAL_PHASES, type RunRef, type RunState, type RunPhase, type Target, type TokenProvider, type SparkUiLink } from './target';
export type { UploadProgress } from './s3Uploader';
export type { ResolvedJob } from './resolveJob';
