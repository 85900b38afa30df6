// Types of the submission API as the editor sees them (type-only: the code loads lazily).
export type { SubmitApi } from './submitModule';
export type { JobSpec, JobSpecFile, TargetConfig } from '../../submit/api';
