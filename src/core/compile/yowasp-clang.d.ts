// @yowasp/clang exports `runClang` at runtime, but its typings only declare `runLLVM` and `commands`.
import type { Command } from '@yowasp/clang';

declare module '@yowasp/clang' {
  export const runClang: Command;
}
