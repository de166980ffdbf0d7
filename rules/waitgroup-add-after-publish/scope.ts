import type { FunctionModel } from '../../server/src/analysis/model';
import type { Node } from '../../server/src/analysis/syntax';
import type { PackageIndex } from '../../server/src/workspace/index';

/** One function under check, with what every shape needs to judge it. */
export interface Scope {
  model: FunctionModel;
  index: PackageIndex;
  text: string;
  /** The file's root node: package variables of this file give their types. */
  root: Node;
  path: string;
}

