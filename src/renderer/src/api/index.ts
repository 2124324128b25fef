import { MAX_WIRE_MESSAGE_BYTES, type ApiError, type EventName, type EventPayload, type NeuriteApi, type WireResult } from '../../../shared/api/contract';
import { CALL_NAMES } from '../../../shared/api/names';
import { tr } from '../i18n';
import { messageText } from '../lib/problemText';

/**
 * The renderer's one entry to main's services. In the desktop app the preload exposes
 * `window.neurite`; in the browser host the same calls travel over a WebSocket. Either way a
 * failed call rejects with an `ApiCallError` carrying the service's code and message.
 */

export class ApiCallError extends Error {
  readonly code: string;
  readonly details?: unknown[];
  /** Issue 16: the service's words as data (see `MessageWordsFields` in the contract) and its English `message`. */
  readonly messageId?: string;
  readonly params?: Record<string, string | number>;
  readonly englishMessage: string;
  constructor(error: ApiError) {
    // Shown in the UI's language when the service named its message; its English otherwise.
    super(messageText(error, tr));
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details;
    this.messageId = error.messageId;
    this.params = error.params;
    this.englishMessage = error.message;
  }
}

type Listener = (payload: unknown) => void;

interface Transport {
  invoke(name: string, request: unknown): Promise<WireResult<unknown>>;
  on(event: string, listener: Listener): () => void;
}

type PreloadBridge = Record<string, (request: unknown) => Promise<WireResult<unknown>>> & {
  on(event: string, listener: Listener): () => void;
};

function preloadTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (name, request) => bridge[name](request),
    on: (event, listener) => bridge.on(event, listener),
  };
}

function webSocketTransport(): Transport {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: WireResult<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject(new ApiCallError({ code: 'disconnected', message: tr('api.unreachable') }));
      ws.onclose = (event) => {
        socket = null;
        opened = null;
        // 1009: the server refused a message over its size cap (it says so in event.reason).
        const error = event.code === 1009 ? { code: 'too-large', message: tr('api.refusedTooBig', { limit: MAX_WIRE_MESSAGE_BYTES / 1024 / 1024 }) } : { code: 'disconnected', message: tr('api.lost') };
        for (const [id, settle] of pending) {
          settle({ ok: false, error });
          pending.delete(id);
        }
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as { id?: number; result?: WireResult<unknown>; event?: string; payload?: unknown };
        if (data.event) {
          for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
        } else if (typeof data.id === 'number' && data.result) {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        }
      };
    });
    return opened;
  };

  return {
    async invoke(name, request) {
      const id = nextId++;
      const text = JSON.stringify({ id, call: name, payload: request });
      // UTF-8 takes 1–3 bytes per UTF-16 unit: measure exactly only when the text could be over the cap.
      const bytes = text.length * 3 <= MAX_WIRE_MESSAGE_BYTES ? text.length : new TextEncoder().encode(text).length;
      if (bytes > MAX_WIRE_MESSAGE_BYTES) {
        const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
        return { ok: false, error: { code: 'too-large', message: tr('api.tooBig', { size: mb(bytes), limit: mb(MAX_WIRE_MESSAGE_BYTES) }) } };
      }
      const ws = socket ?? (await connect());
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(text);
      });
    },
    on(event, listener) {
      void connect().catch(() => undefined);
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

function createApi(transport: Transport): NeuriteApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = async (request: unknown) => {
      const result = await transport.invoke(name, request);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value;
    };
  }
  api.on = <N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void) =>
    transport.on(event, listener as Listener);
  return api as unknown as NeuriteApi;
}

const bridge = (window as unknown as { neurite?: PreloadBridge }).neurite;

/** Whether the desktop app's preload bridge is there; `src/renderer/src/host.ts` picks the host from it, and nothing else asks. */
export const hasDesktopBridge = bridge !== undefined;

export const api: NeuriteApi = createApi(bridge ? preloadTransport(bridge) : webSocketTransport());
