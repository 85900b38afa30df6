// The rule table, sorted by code. Adding a rule: one file under catalog/, one line here, a fixture and a
// snapshot under test/rules, then `npx tsx scripts/gen-rule-docs.ts`.
import { collectUnbounded } from './catalog/collectUnbounded';
import { actionInLoop } from './catalog/actionInLoop';
import { actionOnStream } from './catalog/actionOnStream';
import { cartesianJoin } from './catalog/cartesianJoin';
import { chainedWithcolumn } from './catalog/chainedWithcolumn';
import { collectThenSlice } from './catalog/collectThenSlice';
import { collectToCount } from './catalog/collectToCount';
import { countForEmptiness } from './catalog/countForEmptiness';
import { debugActionInJob } from './catalog/debugActionInJob';
import { groupbykeyAggregate } from './catalog/groupbykeyAggregate';
import { inferSchema } from './catalog/inferSchema';
import { invalidSparkConfigValue } from './catalog/invalidSparkConfigValue';
import { configSetAtRuntime } from './catalog/configSetAtRuntime';
import { joinWithoutHow } from './catalog/joinWithoutHow';
import { pythonRowUdf } from './catalog/pythonRowUdf';
import { rddOnDataframe } from './catalog/rddOnDataframe';
import { serialModelSearch } from './catalog/serialModelSearch';
import { singlePartitionWrite } from './catalog/singlePartitionWrite';
import { topandasUnbounded } from './catalog/topandasUnbounded';
import { udfHasBuiltin } from './catalog/udfHasBuiltin';
import { udfInFilter } from './catalog/udfInFilter';
import { uncachedReuse } from './catalog/uncachedReuse';
import { unknownSparkConfig } from './catalog/unknownSparkConfig';
import { vectorElementUdf } from './catalog/vectorElementUdf';
import { windowWithoutPartition } from './catalog/windowWithoutPartition';
import { withcolumnInLoop } from './catalog/withcolumnInLoop';
import { alsColdstartNan } from './catalog/alsColdstartNan';
import { aucOnHardLabels } from './catalog/aucOnHardLabels';
import { multiTestLeakage } from './catalog/multiTestLeakage';
import { overlapLeakage } from './catalog/overlapLeakage';
import { labelInFeatures } from './catalog/labelInFeatures';
import { preprocessingLeakage } from './catalog/preprocessingLeakage';
import { preprocessingFitOnTest } from './catalog/preprocessingFitOnTest';
import { rebalanceBeforeSplit } from './catalog/rebalanceBeforeSplit';
import { skipDropsEvalRows } from './catalog/skipDropsEvalRows';
import { unseededSplit } from './catalog/unseededSplit';
import type { Rule } from './rule';

export type { Rule } from './rule';

const all: Rule[] = [
  preprocessingLeakage,
  overlapLeakage,
  multiTestLeakage,
  aucOnHardLabels,
  alsColdstartNan,
  labelInFeatures,
  preprocessingFitOnTest,
  rebalanceBeforeSplit,
  skipDropsEvalRows,
  unseededSplit,
  collectUnbounded,
  collectThenSlice,
  collectToCount,
  actionOnStream,
  actionInLoop,
  cartesianJoin,
  chainedWithcolumn,
  countForEmptiness,
  debugActionInJob,
  groupbykeyAggregate,
  inferSchema,
  joinWithoutHow,
  pythonRowUdf,
  rddOnDataframe,
  serialModelSearch,
  singlePartitionWrite,
  topandasUnbounded,
  udfHasBuiltin,
  udfInFilter,
  uncachedReuse,
  vectorElementUdf,
  windowWithoutPartition,
  withcolumnInLoop,
  unknownSparkConfig,
  invalidSparkConfigValue,
  configSetAtRuntime,
];

export const rules: readonly Rule[] = Object.freeze([...all].sort((a, b) => a.meta.code.localeCompare(b.meta.code)));

const byCode = new Map(rules.map((rule) => [rule.meta.code, rule]));

export function ruleByCode(code: string): Rule | undefined {
  return byCode.get(code.toUpperCase());
}

export const DOCS_BASE_URL = 'https://github.com/sparkml-toolkit/spark-ml-toolkit/blob/main/docs/rules';

export function ruleDocUrl(code: string): string {
  return `${DOCS_BASE_URL}/${code.toUpperCase()}.md`;
}
