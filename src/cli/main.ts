#!/usr/bin/env node
/**
 * `transformer-vm <command> …` — one file per command under src/cli/, each exporting
 * `run(args: string[]): Promise<number>` (the process exit code).
 */
const COMMANDS = ['compile', 'reference', 'eval', 'build', 'run', 'specialize'];

const USAGE = `usage: transformer-vm <command> [options]

commands:
  compile PROG.c [--args STR] [-o BASE] | --all   C → BASE.txt and BASE_spec.txt
  reference PROG.c|PROG.txt [--args STR] [--trace FILE]   run the reference interpreter
  eval PROG.c|PROG.txt [--args STR] [--nohull] [--stats]  run the exact graph evaluator
  build [-o MODEL.bin] [--safetensors FILE] [--time-limit S] [--max-layers N]
  run PROG.c|PROG.txt [--args STR] [--model MODEL.bin] [--engine wasm|ts] [--check] [--max-tokens N]
  specialize PROG.c|PROG.txt [--args STR] -o MODEL.bin [--safetensors FILE] [--compact FILE]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stderr.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`transformer-vm: unknown command '${command}'\n${USAGE}\n`);
    return 2;
  }
  let mod: { run(args: string[]): Promise<number> };
  try {
    mod = (await import(`./${command}.ts`)) as typeof mod;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !String(e).includes(`${command}.ts`)) throw e;
    process.stderr.write(`transformer-vm: command '${command}' is not available in this build\n`);
    return 2;
  }
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const e = err as { format?: () => string; message?: string };
    process.stderr.write(`transformer-vm: ${e.format ? e.format() : (e.message ?? String(err))}\n`);
    process.exit(1);
  },
);
