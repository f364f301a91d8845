import { describe, expect, it } from 'vitest';
import { ABNORMAL_ENDS, describeExit, exitFromStatusWord, exitFromTrace } from './exitStatus.ts';

describe('exitFromTrace', () => {
  it('reads the status word from the value tokens of i32.const or local.tee before halt', () => {
    expect(exitFromTrace(['out(x)', '03', '00', '00', '00', 'commit(+1,sts=1,bt=0)', 'halt'])).toEqual({ word: 3, exitStatus: 3 });
    expect(exitFromTrace(['2c', '00', '00', '00', 'commit(+0,sts=0,bt=0)', 'halt'])).toEqual({ word: 44, exitStatus: 44 });
    expect(exitFromTrace(['02', '01', '00', '00', 'commit(+1,sts=1,bt=0)', 'halt'])).toEqual({ word: 0x102, exitStatus: 136, trap: 'integer divide by zero' });
  });

  it('is undefined when the status is not recorded or the run did not halt', () => {
    // A store before halt (a program assembled before statuses), a branch into halt, no halt.
    expect(exitFromTrace(['05', '00', '00', '00', 'commit(-2,sts=0,bt=0)', 'halt'])).toBeUndefined();
    expect(exitFromTrace(['branch_taken', '05', '00', '00', '00', 'commit(+0,sts=0,bt=1)', 'halt'])).toBeUndefined();
    expect(exitFromTrace(['03', '00', '00', '00', 'commit(+1,sts=1,bt=0)'])).toBeUndefined();
    expect(exitFromTrace(['halt'])).toBeUndefined();
  });
});

describe('exitFromStatusWord', () => {
  it('maps every abnormal word to its name and the native status, unknown words to 134', () => {
    for (const e of Object.values(ABNORMAL_ENDS)) expect(exitFromStatusWord(e.word)).toEqual({ word: e.word, exitStatus: e.exitStatus, trap: e.name });
    expect(exitFromStatusWord(0x1ff)).toMatchObject({ exitStatus: 134, trap: 'unknown status word 0x1ff' });
    expect(exitFromStatusWord(255)).toEqual({ word: 255, exitStatus: 255 });
  });

  it('describes the end as the page and the CLI say it', () => {
    expect(describeExit(exitFromStatusWord(3))).toBe('exited with status 3');
    expect(describeExit(exitFromStatusWord(ABNORMAL_ENDS.abort.word))).toBe('aborted (status 134)');
    expect(describeExit(exitFromStatusWord(ABNORMAL_ENDS.divideByZero.word))).toBe('trap: integer divide by zero (status 136)');
    expect(describeExit(undefined)).toBe('halted (the program records no exit status)');
  });
});
