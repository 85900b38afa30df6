// Whether a file may write anything besides what it prints: a DataFrame or RDD write, a stream, a Glue
// sink, a saved model, a Delta merge/update/delete, a pandas export, a table made or changed by SQL, an
// MLflow log, an upload, a file opened for writing, or a call into the project's own modules (which the
// analysis cannot see into). A job that may write none of these is an exploration or a report, and the
// rows it shows are its output (SPK106). Read from the text without its comments (a write commented out
// writes nothing), statement by statement (perStatement: after an edit only the changed statements are
// read again).
import { type PyNode, type SyntaxTree, commentsWithin, perStatement, textOf } from './syntax';

const OUTPUT_CALLS = new RegExp(
  [
    // DataFrameWriter, DataStreamWriter, DataFrameWriterV2 and Glue's writers (write_dynamic_frame, write_from_options,
    // write_from_jdbc_conf, write_data_frame_from_catalog, forEachBatch)
    String.raw`\.(?:write|writeStream|writeTo|write_dynamic_frame\w*|write_from_\w+|write_data_frame\w*|writeFrame|write_text|write_bytes)\b`,
    String.raw`\.(?:save|save_model|saveAsTable|saveAsTextFile|saveAsPickleFile|saveAsSequenceFile|saveAsHadoopFile|saveAsNewAPIHadoopFile|saveAsHadoopDataset|saveAsNewAPIHadoopDataset|insertInto|foreach|foreachPartition|foreachBatch|forEachBatch|getSink)\s*\(`,
    // networkx's `nx.write_gexf(g, path)` and the other `write_*` functions, models and reports saved by ML libraries
    String.raw`\.(?:write_\w+|dump_model|save_html|save_pretrained|to_file|download_mojo|download_pojo|download_model|save_mojo|download_csv|export_file|dataset_upload|model_upload)\s*\(`,
    String.raw`\.(?:to_csv|to_parquet|to_json|to_sql|to_excel|to_pickle|to_feather|to_table|to_delta|to_spark_io|savefig|put_object|upload_file|upload_fileobj)\s*\(`,
    // DeltaTable's merge/update/delete, dbutils file writes, serialisers
    String.raw`\b(?:DeltaTable|delta_table)\b`,
    String.raw`\bdbutils\.fs\.(?:put|cp|mv|rm)\b`,
    String.raw`\b(?:json|pickle|joblib|yaml|cloudpickle)\.dump\s*\(`,
    String.raw`\bmlflow\.`,
    // open(path, "w"), open(os.path.join(a, b), mode="a"), Path(...).open("w"), "r+"
    String.raw`\bopen\((?:[^()\n]|\([^()\n]*\))*?,\s*(?:mode\s*=\s*)?[rbt]?['"][rbt]?(?:[wax]|r\+)`,
    String.raw`\.open\(\s*(?:mode\s*=\s*)?['"][rbt]?(?:[wax]|r\+)`,
  ].join('|'),
);
const OUTPUT_SQL = /\b(?:INSERT\s+(?:INTO|OVERWRITE)|CREATE\s+(?:OR\s+REPLACE\s+)?(?:EXTERNAL\s+)?TABLE|MERGE\s+INTO|DELETE\s+FROM|UPDATE\s+[\w.`]+\s+SET|(?:ALTER|DROP|TRUNCATE)\s+TABLE|COPY\s+INTO)\b/i;

/**
 * Python 3.11's standard library (sys.stdlib_module_names) without the modules that write files or talk
 * to other systems: shutil, tempfile, zipfile, tarfile, gzip, sqlite3, shelve, subprocess, socket, http,
 * urllib, smtplib, ftplib, asyncio, ctypes, fileinput, ...
 */
const STANDARD_LIBRARY_NOT_WRITING = [
  '__future__', 'abc', 'argparse', 'array', 'ast', 'atexit', 'audioop', 'base64', 'bdb', 'binascii', 'bisect',
  'builtins', 'cProfile', 'calendar', 'chunk', 'cmath', 'cmd', 'code', 'codecs', 'codeop', 'collections',
  'colorsys', 'concurrent', 'configparser', 'contextlib', 'contextvars', 'copy', 'copyreg', 'crypt', 'csv',
  'dataclasses', 'datetime', 'decimal', 'difflib', 'dis', 'doctest', 'email', 'encodings', 'enum', 'errno',
  'faulthandler', 'fcntl', 'filecmp', 'fnmatch', 'fractions', 'functools', 'gc', 'genericpath', 'getopt', 'getpass',
  'gettext', 'glob', 'graphlib', 'grp', 'hashlib', 'heapq', 'hmac', 'html', 'imghdr', 'imp', 'importlib', 'inspect',
  'io', 'ipaddress', 'itertools', 'json', 'keyword', 'linecache', 'locale', 'logging', 'mailcap', 'math',
  'mimetypes', 'modulefinder', 'msvcrt', 'multiprocessing', 'netrc', 'nis', 'nt', 'ntpath', 'nturl2path', 'numbers',
  'opcode', 'operator', 'optparse', 'os', 'pathlib', 'pdb', 'pickle', 'pickletools', 'pkgutil', 'platform', 'posix',
  'posixpath', 'pprint', 'profile', 'pstats', 'pwd', 'pyclbr', 'pyexpat', 'queue', 'quopri', 'random', 're',
  'readline', 'reprlib', 'resource', 'rlcompleter', 'sched', 'secrets', 'shlex', 'signal', 'site', 'sndhdr', 'spwd',
  'sre_compile', 'sre_constants', 'sre_parse', 'stat', 'statistics', 'string', 'stringprep', 'struct', 'symtable',
  'sys', 'sysconfig', 'tabnanny', 'termios', 'textwrap', 'threading', 'time', 'timeit', 'token', 'tokenize',
  'tomllib', 'trace', 'traceback', 'tracemalloc', 'tty', 'types', 'typing', 'unicodedata', 'unittest', 'uuid',
  'warnings', 'weakref', 'xdrlib', 'xml', 'zipimport', 'zlib', 'zoneinfo',
];

/**
 * Top-level modules whose calls print or compute but do not write (their writers are matched above: open,
 * json.dump, Glue's write_dynamic_frame, ...). An import of any other module (`from jobs.io import
 * write_table`, a relative import) may hand the data to code that writes it.
 */
const NON_WRITING_MODULES = new Set([
  'pyspark', 'pandas', 'numpy', 'matplotlib', 'seaborn', 'plotly', 'scipy', 'sklearn', 'statsmodels', 'IPython', 'findspark',
  'pyarrow', 'tqdm', 'dateutil', 'pytz', 'tabulate', 'rich', 'typing_extensions', 'awsglue',
  // graph, geospatial, NLP, forecasting and model libraries: they compute; their saves are matched above (`.save(`)
  'graphframes', 'sedona', 'h3', 'shapely', 'sparknlp', 'nltk', 'networkx', 'prophet', 'pmdarima', 'xgboost', 'lightgbm',
  'catboost', 'shap', 'hyperopt', 'optuna', 'synapse', 'mmlspark', 'sparkxgb', 'h2o', 'pysparkling',
  // dataset downloads: the job's input
  'kagglehub',
  // configuration, command-line and logging libraries: they read settings and print
  'dotenv', 'yaml', 'toml', 'tomli', 'click', 'typer', 'pydantic', 'attrs', 'loguru', 'colorama', 'termcolor',
  ...STANDARD_LIBRARY_NOT_WRITING,
]);

const IMPORTED_MODULES = /^\s*(?:from\s+(\.*[\w.]*)\s+import\s+(\([^)]*\)|[^\n#]*)|import\s+([\w.]+(?:\s*,\s*[\w.]+)*))/gm;

/**
 * What a project's Spark session helper is called (`create_spark_session`, `get_spark`, `SparkSessionManager`,
 * `spark_session`): it makes the session, not output. Not a name without "spark" (`requests.Session`), nor
 * one that names a write or a table (`write_spark_table`, `create_spark_table`), nor a module of helpers
 * (`spark_utils`).
 */
const SESSION_FACTORY = /^(?!\w*(?:write|save|sink|export|upload|publish|output|insert|merge|store|put|dump|delete|drop|update|log|table|file|load))(?:(?:get|create|make|build|init|start|new|setup|set_up)_?\w*spark\w*|\w*spark\w*(?:session|context)\w*|spark)$/i;

function importsOtherCode(text: string): boolean {
  // `from utils import get_spark, \` continued on the next line: one statement
  for (const match of text.replace(/\\\r?\n/g, ' ').matchAll(IMPORTED_MODULES)) {
    if (match[1] !== undefined) {
      if (NON_WRITING_MODULES.has(match[1].split('.')[0]!)) continue;
      // `from shared.spark_utils import create_spark_session`: only the session comes from there
      const names = match[2]!.replace(/[()\\]/g, ' ').split(',').map((name) => name.trim().split(/\s+as\s+/)[0]!.trim()).filter(Boolean);
      if (names.length && names.every((name) => SESSION_FACTORY.test(name))) continue;
      return true;
    }
    if (match[3]!.split(',').some((module) => !NON_WRITING_MODULES.has(module.trim().split('.')[0]!))) return true;
  }
  return false;
}

/**
 * `sys.stdout.write(...)` prints, and `open(sys.stdout.fileno(), "w", ...)` reopens the console (to set its
 * encoding): they are taken out before the writers are looked for, as are streams whose sink prints.
 */
const PRINTING = /\bsys\.(?:stdout|stderr)\.write\b|\bopen\(\s*sys\.(?:stdout|stderr)\.fileno\(\)/g;

/**
 * A stream's writer chain (`.writeStream.outputMode("append").foreachBatch(show_batch).start()`, over lines),
 * with up to two levels of parentheses in its arguments. The space before each step is one run of
 * disjoint alternatives, so a long blank stretch is read once (linear), not tried at every split.
 */
const STREAM_CHAIN = /\.writeStream\b(?:(?:\s|\\\r?\n)*\.\s*\w+\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))*/g;
/** A sink that prints (`console`, an in-memory table to query) or hands each batch to a function of the code by name, whose own writes count where it is defined. */
const PRINTING_SINK = /\.format\(\s*["'](?:console|memory)["']\s*\)|\.foreachBatch\(\s*[A-Za-z_][\w.]*\s*\)/;

export function writesOutput(text: string): boolean {
  const code = text.replace(PRINTING, '').replace(STREAM_CHAIN, (chain) => (PRINTING_SINK.test(chain) && !/\.toTable\(|\.option\(\s*["']path["']/.test(chain) ? '' : chain));
  return OUTPUT_CALLS.test(code) || OUTPUT_SQL.test(code) || importsOtherCode(code);
}

const statementWrites = new WeakMap<PyNode, boolean>();

export function treeWritesOutput(tree: SyntaxTree): boolean {
  return perStatement(tree, statementWrites, (nodes) => writesOutput(codeOf(tree, nodes[0]!))).includes(true);
}

/** A statement's text without its comments: `# model.save(path)` commented out writes nothing. */
function codeOf(tree: SyntaxTree, statement: PyNode): string {
  if (statement.type === 'comment') return '';
  const text = textOf(tree, statement);
  const comments = commentsWithin(tree, statement.startIndex, statement.endIndex);
  if (!comments.length) return text;
  let code = '';
  let at = statement.startIndex;
  for (const comment of comments) {
    code += text.slice(at - statement.startIndex, comment.startIndex - statement.startIndex);
    at = comment.endIndex;
  }
  return code + text.slice(at - statement.startIndex);
}
