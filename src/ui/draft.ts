/** The last edited program, args and settings, kept in localStorage so edits survive a reload. */
import { DEFAULT_SETTINGS, MAX_ARGS_CHARS, MAX_TOKEN_LIMIT, MIN_TOKEN_LIMIT, type SharedState } from './url-state.ts';

const KEY = 'tvm-playground.draft.v1';

export function loadDraft(): SharedState | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<SharedState> | null;
    if (!d || typeof d.source !== 'string' || typeof d.args !== 'string') return null;
    const m = d.settings?.maxTokens;
    const maxTokens = typeof m === 'number' && Number.isInteger(m) && m >= MIN_TOKEN_LIMIT && m <= MAX_TOKEN_LIMIT
      ? m : DEFAULT_SETTINGS.maxTokens;
    return { source: d.source, args: d.args.slice(0, MAX_ARGS_CHARS), settings: { maxTokens } };
  } catch {
    return null;
  }
}

export function saveDraft(state: SharedState): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // storage full or disabled: edits then only live as long as the page
  }
}
