import type { SyntaxTree } from './syntax';

// Databricks exports a notebook as a Python file that starts with this line (cells are separated by
// `# COMMAND ----------`, other languages' cells are `# MAGIC` comments). Such a file runs with `spark`,
// `sc`, `dbutils` and `display` defined by the runtime, so it often never imports pyspark: it is a
// PySpark file all the same (`spark` and `sc` are the session and the context, as in any pyspark file).
const DATABRICKS_SOURCE_HEADER = /^\uFEFF?# Databricks notebook source[ \t]*(\r\n|\r|\n|$)/;

export function isDatabricksNotebookSource(text: string): boolean {
  return DATABRICKS_SOURCE_HEADER.test(text);
}

/**
 * A notebook kept as a Python file: a Databricks export, or a script of cells marked `# %%` (VS Code's
 * interactive window, Jupytext's percent format, Spyder) or `# In[1]:` (nbconvert), run cell by cell where
 * each cell's output is read.
 */
export function isNotebookStyleSource(tree: SyntaxTree): boolean {
  if (isDatabricksNotebookSource(tree.text)) return true;
  return tree.comments.some((comment) => comment.startCol === 0 && CELL_MARKER.test(tree.text.slice(comment.startIndex, comment.startIndex + 16)));
}

/** `# %%` cells, and the `# In[1]:` cells `jupyter nbconvert --to script` writes. */
const CELL_MARKER = /^#\s*(%%|In\[[ \d]*\]:)/;

/** Uses the shell's `spark`/`sc` (`pyspark` started with Jupyter as its driver, a Spark kernel): the session is defined, not made. */
export const USES_SHELL_SESSION = /\b(spark\.(read|readStream|sql|table|createDataFrame|range|sparkContext)|sc\.(parallelize|textFile|wholeTextFiles))\b/;
/** A pyspark import at the start of a line (not the word in a string, such as `"spark.sql.execution.arrow.pyspark.enabled"`). */
export const IMPORTS_PYSPARK = /^[ \t]*(from|import)[ \t]+pyspark\b/m;
const PERCENT_CELL = /^#[ \t]*%%/m;

/**
 * A notebook kept as a Python file of `# %%` cells that uses the shell's `spark` or `sc` without importing
 * pyspark: it runs in a kernel that defines them (a Spark kernel, an interactive window attached to a
 * cluster), like a Databricks export, and is a PySpark file all the same.
 */
export function isSparkShellNotebookSource(text: string): boolean {
  return PERCENT_CELL.test(text) && USES_SHELL_SESSION.test(text) && !IMPORTS_PYSPARK.test(text);
}

/** `spark = get_spark_session("job")`: the session bound to its usual name from a call (a helper of the project). */
const SESSION_FROM_CALL = /^[ \t]*(?:\w+[ \t]*,[ \t]*)*spark[ \t]*(?:,[ \t]*\w+[ \t]*)*=[ \t]*[\w.]+\(/m;

/**
 * A file that gets its session from a helper of its project (`spark = get_spark_session()`, also unpacked:
 * `spark, sql_context = get_contexts()`) and uses it
 * (`spark.read`, `spark.sql`, `spark.table`, ...) without importing pyspark: a PySpark file all the same.
 */
export function usesSessionFromHelper(text: string): boolean {
  return SESSION_FROM_CALL.test(text) && USES_SHELL_SESSION.test(text);
}

/** Databricks' `# MAGIC %run ./setup`. */
const DATABRICKS_RUN = /^# MAGIC[ \t]+%run[ \t]+\S/m;
/** Jupyter's `%run setup.py` as a notebook's joined text keeps it (`#run setup.py`: one path, options before it). */
const JUPYTER_RUN = /^[ \t]*#run(?:[ \t]+-\w+)*[ \t]+(?:"[^"\n]+"|'[^'\n]+'|\S+)[ \t]*$/m;
/** The cell markers of a Jupyter notebook's joined text (src/rules/notebook.ts), not a `# %%` script's own. */
const JOINED_CELL_MARKER = /^# %% cell \d+$/m;

/**
 * A notebook that runs another one first (`%run ./AllImports`): what that one imports and defines is
 * defined here too, and the analysis cannot read it.
 */
export function runsOtherNotebook(tree: SyntaxTree): boolean {
  const { text } = tree;
  // (it runs on every re-lint: a native search for the command first, the patterns try every line start)
  if (text.includes('%run') && DATABRICKS_RUN.test(text)) return isDatabricksNotebookSource(text);
  return text.includes('#run') && JUPYTER_RUN.test(text) && JOINED_CELL_MARKER.test(text);
}
