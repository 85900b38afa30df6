import type { Ctx } from '../ctx';

export function showOutput(ctx: Ctx): () => void {
  return () => ctx.log.show(true);
}
