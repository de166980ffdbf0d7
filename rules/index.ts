import type { Rule } from '../server/src/rule';
import { guardedPointerEscape } from './guarded-pointer-escape/check';
import { untrackedGoroutine } from './untracked-goroutine/check';

/** Every rule the engine runs. Adding a rule means adding its folder and one line here. */
export const RULES: readonly Rule[] = [untrackedGoroutine, guardedPointerEscape];
