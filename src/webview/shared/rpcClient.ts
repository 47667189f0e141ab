import {
  PROTOCOL_VERSION, isNotificationMessage, isResponseMessage, type ErrorInfo, type Guard, type RequestMessage,
} from '../../protocol/rpc';
import { vscodeApi } from './vscodeApi';

/** A failed request: the host's reason and message, or `bad-response` when the answer failed its guard. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

/**
 * The page side of a panel's protocol: typed requests answered by the host, checked with the result guards
 * before they reach the caller, and typed notifications checked the same way. Anything else is dropped.
 */
export class RpcClient<Req extends { [M in keyof Req]: { params: unknown; result: unknown } }, Notes extends { [M in keyof Notes]: unknown }> {
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, (params: unknown) => void>();

  constructor(
    private readonly resultGuards: { readonly [M in keyof Req]: Guard<Req[M]['result']> },
    private readonly noteGuards: { readonly [M in keyof Notes]: Guard<Notes[M]> },
    private readonly onRejected: (why: string) => void = () => undefined,
  ) {
    window.addEventListener('message', (e: MessageEvent<unknown>) => this.receive(e.data));
  }

  request<M extends keyof Req & string>(method: M, params: Req[M]['params']): Promise<Req[M]['result']> {
    const id = this.nextId++;
    const message: RequestMessage<M, Req[M]['params']> = { v: PROTOCOL_VERSION, type: 'request', id, method, params };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      vscodeApi().postMessage(message);
    });
  }

  on<M extends keyof Notes & string>(method: M, handler: (params: Notes[M]) => void): void {
    this.handlers.set(method, handler as (params: unknown) => void);
  }

  private receive(data: unknown): void {
    if (isResponseMessage(data)) {
      const p = this.pending.get(data.id);
      if (!p) return this.onRejected(`response to unknown request ${data.id}`);
      this.pending.delete(data.id);
      if (!data.ok) return p.reject(new RpcError((data.error as ErrorInfo).reason, data.error.message));
      const guard = this.resultGuards[p.method as keyof Req];
      if (!guard(data.result)) return p.reject(new RpcError('bad-response', `the host's answer to ${p.method} has an unexpected shape`));
      p.resolve(data.result);
    } else if (isNotificationMessage(data)) {
      const guard = (this.noteGuards as Record<string, Guard<unknown> | undefined>)[data.method];
      const handler = this.handlers.get(data.method);
      if (!guard || !guard(data.params)) return this.onRejected(`notification ${data.method} rejected`);
      handler?.(data.params);
    } else {
      this.onRejected('a message that is neither a response nor a notification');
    }
  }
}
