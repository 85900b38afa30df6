// Whether a file writes anything besides its stdout: a DataFrame or RDD write, a stream, a saved model, a
// pandas export, a table made or changed by SQL, an MLflow log, an upload, a file opened for writing. A job
// that writes none of these is an exploration or a report, and what it shows is its output (SPK106).
// Read from the text (comments included, which can only make a file count as writing), statement by
// statement (perStatement: after an edit only the changed statements are read again), independent of
// what the model could follow.
import { type PyNode, type SyntaxTree, perStatement, textOf } from './syntax';

const OUTPUT_CALLS = new RegExp(
  [
    String.raw`\.(?:write|writeStream|writeTo)\b`,
    String.raw`\.(?:save|saveAsTable|saveAsTextFile|saveAsPickleFile|saveAsSequenceFile|saveAsHadoopFile|saveAsNewAPIHadoopFile|saveAsHadoopDataset|saveAsNewAPIHadoopDataset|insertInto|foreach|foreachPartition|foreachBatch)\s*\(`,
    String.raw`\.(?:to_csv|to_parquet|to_json|to_sql|to_excel|to_pickle|to_feather|to_table|to_delta|to_spark_io|savefig|put_object|upload_file)\s*\(`,
    String.raw`\bmlflow\.`,
    String.raw`\bopen\([^)\n]*,\s*(?:mode\s*=\s*)?[rbt]?['"][rbt]?[wax]`,
  ].join('|'),
);
const OUTPUT_SQL = /\b(?:INSERT\s+(?:INTO|OVERWRITE)|CREATE\s+(?:OR\s+REPLACE\s+)?(?:EXTERNAL\s+)?TABLE|MERGE\s+INTO|DELETE\s+FROM)\b/i;

export function writesOutput(text: string): boolean {
  return OUTPUT_CALLS.test(text) || OUTPUT_SQL.test(text);
}

const statementWrites = new WeakMap<PyNode, boolean>();

export function treeWritesOutput(tree: SyntaxTree): boolean {
  return perStatement(tree, statementWrites, (nodes) => writesOutput(textOf(tree, nodes[0]!))).includes(true);
}
