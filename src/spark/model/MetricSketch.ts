// One per-task metric of one stage: exact count/sum/min/max plus a DDSketch for quantiles. The
// sketch has a bin limit, so memory stays bounded however many tasks the stage has.
import { LogCollapsingLowestDenseDDSketch } from '@datadog/sketches-js';
import { DISTRIBUTION_QUANTILES, type Distribution } from './types';

const RELATIVE_ACCURACY = 0.01;
const BIN_LIMIT = 1024;

export class MetricSketch {
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private zeros = 0;
  // Created on the first non-zero value: many metrics are zero for a whole stage.
  private sketch: LogCollapsingLowestDenseDDSketch | undefined;

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value <= 0) {
      // Negative values (clock skew) count as zero in the distribution; sum/min keep them exact.
      this.zeros++;
      return;
    }
    if (!this.sketch) this.sketch = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: RELATIVE_ACCURACY, binLimit: BIN_LIMIT });
    this.sketch.accept(value);
  }

  get size(): number {
    return this.count;
  }

  /** Undefined when no task reported the metric, or every task reported 0 (keeps snapshots small). */
  toDistribution(): Distribution | undefined {
    if (this.count === 0 || (this.min === 0 && this.max === 0)) return undefined;
    const quantiles = DISTRIBUTION_QUANTILES.map((q) => ({ q, value: compact(this.valueAt(q)) }));
    return { count: this.count, sum: this.sum, min: this.min, max: this.max, mean: compact(this.sum / this.count), quantiles };
  }

  private valueAt(q: number): number {
    const rank = q * (this.count - 1);
    if (rank < this.zeros || !this.sketch) return Math.min(Math.max(0, this.min), this.max);
    // The sketch holds only the non-zero values: shift the quantile past the zeros.
    const positives = this.count - this.zeros;
    const qInPositives = positives <= 1 ? 0 : (rank - this.zeros) / (positives - 1);
    const value = this.sketch.getValueAtQuantile(Math.min(1, Math.max(0, qInPositives)));
    // Clamp into the exact range: the sketch's relative error can step past min/max.
    return Math.min(this.max, Math.max(this.min, value));
  }
}

/** Approximate values need no 15 digits: whole numbers from 10 up, 2 decimals below (keeps snapshots small). */
function compact(value: number): number {
  return Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 100) / 100;
}
