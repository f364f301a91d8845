/**
 * The one module that owns the URL hash: what a share link holds and how it is read back.
 *
 * Link format (see docs/share-links.md): `#v<N>.<payload>` where `<payload>` is
 * `LZString.compressToEncodedURIComponent(JSON.stringify(body))`. The version sits in clear
 * text so an unknown version is refused before anything is decompressed.
 *
 * Reading a link never executes anything: the result is plain data (text for the editor,
 * a string for the args field, bounded numbers for settings), or an error message.
 */
import LZString from 'lz-string';

export const URL_STATE_VERSION = 2;

/**
 * Longest hash accepted (characters after `#`). It also bounds the decompressor: LZ output can grow
 * quadratically in the input, and 20,000 characters decompress to at most ~50 M characters (~85 ms).
 */
export const MAX_HASH_CHARS = 20_000;
/** Longest decompressed JSON accepted. */
export const MAX_JSON_CHARS = 80_000;
/** Longest program source a link may carry. */
export const MAX_SOURCE_CHARS = 60_000;
/** Longest argument string a link may carry. */
export const MAX_ARGS_CHARS = 4_096;

export const MIN_TOKEN_LIMIT = 1_000;
export const MAX_TOKEN_LIMIT = 50_000_000;
export const DEFAULT_TOKEN_LIMIT = 5_000_000;

export interface PlaygroundSettings {
  /** The run stops (and says so) after this many generated tokens. */
  maxTokens: number;
}

/** Everything a share link restores. */
export interface SharedState {
  source: string;
  args: string;
  settings: PlaygroundSettings;
}

export type HashReadResult =
  | { kind: 'empty' }
  | { kind: 'ok'; state: SharedState; fromVersion: number }
  | { kind: 'error'; message: string };

export const DEFAULT_SETTINGS: PlaygroundSettings = { maxTokens: DEFAULT_TOKEN_LIMIT };

/** Body of a version-1 link (the shell's first format: program and args, no settings). */
interface BodyV1 {
  s: string;
  a: string;
}

/** Body of a version-2 link (current). */
interface BodyV2 {
  source: string;
  args: string;
  settings: { maxTokens: number };
}

class LinkError extends Error {}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ownField(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function requireString(o: Record<string, unknown>, key: string, max: number, label: string): string {
  const v = ownField(o, key);
  const is = label.endsWith('s') ? 'are' : 'is';
  if (typeof v !== 'string') throw new LinkError(`the link's ${label} ${is} missing or not text`);
  if (v.length > max) throw new LinkError(`the link's ${label} ${is} too long (${v.length} characters, limit ${max})`);
  return v;
}

function parseV1(body: unknown): BodyV1 {
  if (!isPlainObject(body)) throw new LinkError('the link does not hold a program');
  return {
    s: requireString(body, 's', MAX_SOURCE_CHARS, 'program'),
    a: requireString(body, 'a', MAX_ARGS_CHARS, 'arguments'),
  };
}

function parseV2(body: unknown): BodyV2 {
  if (!isPlainObject(body)) throw new LinkError('the link does not hold a program');
  const settings = ownField(body, 'settings');
  if (!isPlainObject(settings)) throw new LinkError("the link's settings are missing");
  const maxTokens = ownField(settings, 'maxTokens');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens)
      || maxTokens < MIN_TOKEN_LIMIT || maxTokens > MAX_TOKEN_LIMIT) {
    throw new LinkError(`the link's token limit must be a whole number from ${MIN_TOKEN_LIMIT} to ${MAX_TOKEN_LIMIT}`);
  }
  return {
    source: requireString(body, 'source', MAX_SOURCE_CHARS, 'program'),
    args: requireString(body, 'args', MAX_ARGS_CHARS, 'arguments'),
    settings: { maxTokens },
  };
}

/** v1 → v2: settings did not exist; they take their defaults. */
function migrateV1(b: BodyV1): BodyV2 {
  return { source: b.s, args: b.a, settings: { ...DEFAULT_SETTINGS } };
}

/** Reads a body of version `v` and brings it up to the current version. */
const READERS: Record<number, (body: unknown) => BodyV2> = {
  1: (body) => migrateV1(parseV1(body)),
  2: (body) => parseV2(body),
};

function toState(b: BodyV2): SharedState {
  return { source: b.source, args: b.args, settings: { maxTokens: b.settings.maxTokens } };
}

/** The `#v2.…` hash for a state. Throws an Error with a readable message if the state is too large to share. */
export function encodeShareHash(state: SharedState): string {
  if (state.source.length > MAX_SOURCE_CHARS) {
    throw new Error(`the program is too long to share as a link (${state.source.length} characters, limit ${MAX_SOURCE_CHARS})`);
  }
  if (state.args.length > MAX_ARGS_CHARS) {
    throw new Error(`the arguments are too long to share as a link (limit ${MAX_ARGS_CHARS} characters)`);
  }
  const body: BodyV2 = { source: state.source, args: state.args, settings: { maxTokens: state.settings.maxTokens } };
  const hash = `#v${URL_STATE_VERSION}.${LZString.compressToEncodedURIComponent(JSON.stringify(body))}`;
  if (hash.length - 1 > MAX_HASH_CHARS) {
    throw new Error(`the program compresses to ${hash.length - 1} characters, more than a link may hold (${MAX_HASH_CHARS})`);
  }
  return hash;
}

/** A full URL: `base` without its hash, plus the state's hash. */
export function shareUrl(base: string, state: SharedState): string {
  const hashAt = base.indexOf('#');
  return (hashAt < 0 ? base : base.slice(0, hashAt)) + encodeShareHash(state);
}

/**
 * Reads `location.hash` (with or without the leading `#`). Never throws: a link that cannot be
 * trusted gives `{kind: 'error', message}`, one sentence a person can act on.
 */
export function decodeShareHash(hash: string): HashReadResult {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return { kind: 'empty' };
  const fail = (message: string): HashReadResult => ({ kind: 'error', message: `This link cannot be opened: ${message}. Nothing was run.` });
  if (text.length > MAX_HASH_CHARS) return fail(`it is too long (${text.length} characters, limit ${MAX_HASH_CHARS})`);
  const m = /^v(\d{1,6})\.([A-Za-z0-9+\-$]*)$/.exec(text);
  if (!m) return fail('it is not a playground share link');
  const version = Number(m[1]);
  const reader = READERS[version];
  if (!reader) {
    return fail(version > URL_STATE_VERSION
      ? `it was made by a newer playground (link version ${version}, this page reads up to ${URL_STATE_VERSION})`
      : `its version (${version}) is unknown`);
  }
  let json: string | null;
  try {
    json = LZString.decompressFromEncodedURIComponent(m[2]);
  } catch {
    json = null;
  }
  if (!json) return fail('its data is damaged (it does not decompress)');
  if (json.length > MAX_JSON_CHARS) return fail(`its data is too large (${json.length} characters, limit ${MAX_JSON_CHARS})`);
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return fail('its data is damaged (not valid JSON)');
  }
  try {
    return { kind: 'ok', state: toState(reader(body)), fromVersion: version };
  } catch (e) {
    if (e instanceof LinkError) return fail(e.message);
    throw e;
  }
}

/** Builds a hash of an older version; only for tests of the migrations. */
export function encodeLegacyHashForTests(version: 1, body: BodyV1): string {
  return `#v${version}.${LZString.compressToEncodedURIComponent(JSON.stringify(body))}`;
}
