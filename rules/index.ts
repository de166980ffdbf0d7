import type { Rule } from '../server/src/rule';
import { guardedPointerEscape } from './guarded-pointer-escape/check';
import { stopBeforeSwap } from './stop-before-swap/check';
import { untrackedGoroutine } from './untracked-goroutine/check';
import { waitgroupAddAfterPublish } from './waitgroup-add-after-publish/check';

/** Every rule the engine runs. Adding a rule means adding its folder and one line here. */
export const RULES: readonly Rule[] = [untrackedGoroutine, waitgroupAddAfterPublish, guardedPointerEscape, stopBeforeSwap];
