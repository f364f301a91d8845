import { STANDARD_HEADERS } from './headers.ts';
import { RUNTIME_HEADER, RUNTIME_HEADER_NAME } from './runtimeHeader.ts';

/** The `include/` directory handed to clang: the project's standard headers and the runtime header. */
export function runtimeIncludeTree(): Record<string, string> {
  return { ...STANDARD_HEADERS, [RUNTIME_HEADER_NAME]: RUNTIME_HEADER };
}
