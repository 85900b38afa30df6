// Test files: tests run Spark on data they make themselves (a few literal rows, a fixture file, a table
// they just wrote), are not jobs, and exercise APIs on purpose (a trivial UDF, a join without `how`), so
// by default only the rules that find bugs whatever the data size run in them: the Spark config checks
// (`test-ignore` in [tool.sparkml] changes that). A test file is one pytest or unittest would collect
// tests from by its name (it defines a `test*` function or a `Test*` class, or asserts in a function named
// for tests), a conftest.py, or a module that imports pytest (or a plugin of it), unittest (not only
// `unittest.mock`), chispa or pyspark.testing.
import { basename } from 'node:path';
import { type PyNode, type SyntaxTree, field, identifiersNamed, textOf } from '../analysis/syntax';

/**
 * Off in test files unless `test-ignore` says otherwise: ML methodology, actions, UDFs, plan shape,
 * schema inference and model-search settings. SPK403-SPK405 (a misspelt, invalid or unchangeable Spark config) stay.
 */
export const DEFAULT_TEST_IGNORE: readonly string[] = ['SPK0', 'SPK1', 'SPK2', 'SPK3', 'SPK401', 'SPK402'];

const TEST_FILE_NAME = /^(test_.*|.*_tests?|tests)\.py$/;
/** pytest and its plugins (`pytest_bdd`), unittest, and the DataFrame assertions only tests use (chispa, pyspark.testing). */
const TEST_FRAMEWORK = /^(pytest(_\w+)?|unittest|chispa)(\.|$)|^pyspark\.testing(\.|$)/;

/**
 * True for a test module: by its file name, or because it imports a test framework. `tree`: the file's
 * syntax, to tell `import unittest` from `import unittest.mock` (both bind `unittest`) and to see
 * whether a file named like a test defines any (`AB_test.py` can be an A/B-test analysis job).
 */
export function isTestFile(filePath: string | undefined, imports: ReadonlyMap<string, string>, tree?: SyntaxTree): boolean {
  const name = filePath ? basename(filePath) : '';
  if (name === 'conftest.py') return true;
  if (TEST_FILE_NAME.test(name) && (!tree || definesTests(tree))) return true;
  for (const qualified of imports.values()) {
    // `from unittest import mock` is used by jobs and notebooks as much as by tests
    if (!TEST_FRAMEWORK.test(qualified) || /^unittest\.mock(\.|$)/.test(qualified)) continue;
    if (qualified === 'unittest' && tree && !importsModule(tree, 'unittest')) continue;
    return true;
  }
  return false;
}

/** `import unittest` (or `import unittest as ut`), not only `import unittest.mock`. */
function importsModule(tree: SyntaxTree, module: string): boolean {
  return identifiersNamed(tree, module).some((name) => {
    const dotted = name.parent;
    const statement = dotted?.parent?.type === 'aliased_import' ? dotted.parent.parent : dotted?.parent;
    return dotted?.type === 'dotted_name' && statement?.type === 'import_statement' && textOf(tree, dotted) === module;
  });
}

/**
 * A module-level function named `test*` or class named `Test*` (what pytest collects from a module;
 * unittest's test methods are in such a class), or an `assert` in a function named for tests: a script
 * that runs its own checks (`def run_all_tests()`). A job's sanity check (`assert arms.count() == 2`) is no test.
 */
function definesTests(tree: SyntaxTree): boolean {
  const named = (node: PyNode, pattern: RegExp) => {
    const name = field(node, 'name');
    return !!name && pattern.test(textOf(tree, name));
  };
  const testMethods = (cls: PyNode) => (field(cls, 'body')?.children ?? []).some((member) => {
    const method = member.type === 'decorated_definition' ? field(member, 'definition') : member;
    return method?.type === 'function_definition' && named(method, /^test/);
  });
  for (const statement of tree.root.children) {
    const definition = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (definition?.type === 'function_definition' && named(definition, /^test/)) return true;
    // a `Test*` class, or a TestCase subclass of any name with `test*` methods (unittest and pytest collect it)
    if (definition?.type === 'class_definition' && (named(definition, /^Test/) || testMethods(definition))) return true;
  }
  return tree.nodes.some((node) => {
    if (node.type !== 'assert_statement') return false;
    for (let at = node.parent; at; at = at.parent) if (at.type === 'function_definition') return named(at, /(?:^|_)tests?(?:_|$)|^test|Tests?(?:[A-Z_]|$)/);
    return false;
  });
}
