#!/usr/bin/env node
/**
 * `transformer-vm <command> …` — one file per command under src/cli/, each exporting
 * `run(args: string[]): Promise<number>` (the process exit code). Commands are imported on use,
 * so a command loads only what it needs (the built CLI keeps each in its own chunk).
 */
type Command = { run(args: string[]): Promise<number> };
const COMMANDS: Record<string, () => Promise<Command>> = {
  compile: () => import('./compile.ts'),
  reference: () => import('./reference.ts'),
  eval: () => import('./eval.ts'),
  build: () => import('./build.ts'),
  run: () => import('./run.ts'),
  specialize: () => import('./specialize.ts'),
};

const USAGE = `usage: transformer-vm <command> [options]

commands:
  compile PROG.c [--args STR] [-o BASE] | --all   C → BASE.txt and BASE_spec.txt
  reference PROG.c|PROG.txt [--args STR] [--trace FILE]   run the reference interpreter
  eval PROG.c|PROG.txt [--args STR] [--nohull] [--stats]  run the exact graph evaluator
  build [-o MODEL.bin] [--safetensors FILE] [--time-limit S] [--max-layers N]
  run PROG.c|PROG.txt [--args STR] [--model MODEL.bin] [--engine wasm|ts|reference] [--check] [--max-tokens N]
  specialize PROG.c|PROG.txt [--args STR] -o MODEL.bin [--safetensors FILE] [--compact FILE]

--args STR: compute(input) gets STR; main(argc, argv) gets its words as argv[1…], split as a
shell splits them (--args '3 "a phrase"' gives argv[1] 3, argv[2] a phrase); stdin reads STR.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stderr.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`transformer-vm: unknown command '${command}'\n${USAGE}\n`);
    return 2;
  }
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = err as { format?: () => string; message?: string };
    process.stderr.write(`transformer-vm: ${e.format ? e.format() : (e.message ?? String(err))}\n`);
    process.exit(1);
  },
);
