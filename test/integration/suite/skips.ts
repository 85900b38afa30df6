// Mocha has no skip reason; tests that cannot run here record one so the summary says why.
export const skipReasons: string[] = [];

export function skipBecause(context: Mocha.Context, reason: string): never {
  skipReasons.push(`${context.test?.fullTitle() ?? 'integration test'}: ${reason}`);
  return context.skip();
}
