/**
 * Holds the stepping state below the App, so a selection that follows a live run re-renders only
 * the panes that show it (they read it with `useSteppingContext`), never the editor or toolbar.
 */
import { createContext, useCallback, useContext, type ReactNode, type RefObject } from 'react';
import type { RunStream } from '../run/runStream.ts';
import { DISPLAY_TOKENS } from '../../core/run/displayTokens.ts';
import { useStepping, type Stepping } from './useStepping.ts';

interface SteppingContextValue {
  stepping: Stepping;
  stream: RunStream;
  /** Display spelling of token i. */
  tokenText(i: number): string;
}

const SteppingContext = createContext<SteppingContextValue | null>(null);

export function SteppingProvider({ stream, control, children }: { stream: RunStream; control: RefObject<Stepping | null>; children: ReactNode }) {
  const stepping = useStepping(stream);
  control.current = stepping;
  const tokenText = useCallback((i: number) => DISPLAY_TOKENS[stream.store.tokenId(i)] ?? '', [stream]);
  return <SteppingContext.Provider value={{ stepping, stream, tokenText }}>{children}</SteppingContext.Provider>;
}

export function useSteppingContext(): SteppingContextValue {
  const v = useContext(SteppingContext);
  if (!v) throw new Error('useSteppingContext outside SteppingProvider');
  return v;
}
