import type { Parser } from 'web-tree-sitter';

/**
 * Runs `fn` while counting the parser's parses and the trees they made that are still alive,
 * `fn` being handed the count of live trees to read when it likes. The parser is restored after.
 */
export function countingParses<T>(parser: Parser, fn: (live: () => number) => T): { parses: number; value: T } {
  const parse = parser.parse;
  let parses = 0;
  let live = 0;
  parser.parse = function (this: Parser, ...args: Parameters<typeof parse>) {
    parses++;
    const tree = parse.apply(this, args);
    if (tree) {
      live++;
      const del = tree.delete;
      tree.delete = () => {
        live--;
        del.call(tree);
      };
    }
    return tree;
  };
  try {
    const value = fn(() => live);
    return { parses, value };
  } finally {
    parser.parse = parse;
  }
}
