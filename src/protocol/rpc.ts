// The message envelope shared by every panel: requests (page → host, answered by a response with the same id)
// and notifications (host → page). Versioned; both sides check every message with these guards before use.

export const PROTOCOL_VERSION = 1;

export interface RequestMessage<M extends string = string, P = unknown> {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'request';
  readonly id: number;
  readonly method: M;
  readonly params: P;
}

export interface ErrorInfo {
  /** A stable reason (e.g. `unknown-method`, `bad-params`, `not-found`); never match on `message`. */
  readonly reason: string;
  readonly message: string;
}

export type ResponseMessage<R = unknown> =
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: R }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: ErrorInfo };

export interface NotificationMessage<M extends string = string, P = unknown> {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'notification';
  readonly method: M;
  readonly params: P;
}

/** A params or result check: true when `value` has the shape the receiver relies on. */
export type Guard<T> = (value: unknown) => value is T;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown, max = 1_000): v is string => typeof v === 'string' && v.length <= max;
export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isNullableNumber = (v: unknown): v is number | null => v === null || isFiniteNumber(v);
export const isInteger = (v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
export const isArrayOf = <T>(v: unknown, item: (x: unknown) => x is T, max = 100_000): v is T[] => Array.isArray(v) && v.length <= max && v.every(item);
/** An object that has only the listed keys (unknown keys are rejected: the schema is closed). */
export const hasOnlyKeys = (v: Record<string, unknown>, allowed: readonly string[]): boolean => Object.keys(v).every((k) => allowed.includes(k));

/** Checks the envelope of a page → host message; the caller then checks `params` for its method. */
export function isRequestMessage(v: unknown): v is RequestMessage<string, unknown> {
  return isObject(v) && v.v === PROTOCOL_VERSION && v.type === 'request' && isInteger(v.id, 0) && isString(v.method, 64) && 'params' in v && hasOnlyKeys(v, ['v', 'type', 'id', 'method', 'params']);
}

/** Checks the envelope of a host → page response. */
export function isResponseMessage(v: unknown): v is ResponseMessage {
  if (!isObject(v) || v.v !== PROTOCOL_VERSION || v.type !== 'response' || !isInteger(v.id, 0)) return false;
  if (v.ok === true) return 'result' in v;
  return v.ok === false && isObject(v.error) && isString(v.error.reason, 64) && isString(v.error.message, 10_000);
}

/** Checks the envelope of a host → page notification. */
export function isNotificationMessage(v: unknown): v is NotificationMessage<string, unknown> {
  return isObject(v) && v.v === PROTOCOL_VERSION && v.type === 'notification' && isString(v.method, 64) && 'params' in v;
}
