/// A WebSocket that fetches a single-use ticket before it connects, for the stock y-websocket
/// provider (its `WebSocketPolyfill`). The provider opens a new socket for every (re)connection, so
/// each one gets a fresh ticket and the session token never appears in a URL, where proxies and
/// server logs would keep it. Until the real socket is open this one reports CONNECTING; a ticket
/// refused by the server (401, 403, 404) closes it with the matching 44xx code, which the provider
/// takes as final, and a failure to reach the server closes it with 1006, after which it retries.
import { ApiError } from './client.ts';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type Handler = ((event: Event) => void) | null;

/// The constructor a y-websocket provider is given: the browser's WebSocket or one like it.
export type WebSocketClass = typeof WebSocket;

/// `url` with `?ticket=` (or `&ticket=`) appended.
export function withTicket(url: string, ticket: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
}

function closeEvent(code: number, reason: string): Event {
  return Object.assign(new Event('close'), { code, reason, wasClean: code !== 1006 });
}

/// A WebSocket class whose sockets first call `fetchTicket` and then connect through `Inner`
/// (defaults to the browser's WebSocket) to the URL with the ticket added.
export function ticketedWebSocket(
  fetchTicket: () => Promise<string>,
  Inner: WebSocketClass = WebSocket,
): WebSocketClass {
  class TicketedWebSocket extends EventTarget {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSING = CLOSING;
    readonly CLOSED = CLOSED;
    binaryType: BinaryType = 'arraybuffer';
    onopen: Handler = null;
    onmessage: Handler = null;
    onerror: Handler = null;
    onclose: Handler = null;
    private socket: WebSocket | null = null;
    private state = CONNECTING;
    // Listeners added for 'message' (the provider sets onmessage instead): an event is made and
    // dispatched per message only for them, as that costs more than handling a keystroke's update.
    private readonly messageListeners = new Set<unknown>();

    constructor(
      readonly url: string,
      private readonly protocols?: string | string[],
    ) {
      super();
      fetchTicket().then(
        (ticket) => this.open(ticket),
        (error: unknown) => {
          const status = error instanceof ApiError ? error.status : 0;
          const final = status === 401 || status === 403 || status === 404;
          this.fail(final ? 4000 + status : 1006, error instanceof Error ? error.message : String(error));
        },
      );
    }

    get readyState(): number {
      return this.socket ? this.socket.readyState : this.state;
    }

    get bufferedAmount(): number {
      return this.socket?.bufferedAmount ?? 0;
    }

    get protocol(): string {
      return this.socket?.protocol ?? '';
    }

    get extensions(): string {
      return this.socket?.extensions ?? '';
    }

    override addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ): void {
      if (type === 'message' && listener) this.messageListeners.add(listener);
      super.addEventListener(type, listener, options);
    }

    override removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | EventListenerOptions,
    ): void {
      if (type === 'message' && listener) this.messageListeners.delete(listener);
      super.removeEventListener(type, listener, options);
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (!this.socket) throw new DOMException('The socket is not open yet', 'InvalidStateError');
      this.socket.send(data);
    }

    close(code?: number, reason?: string): void {
      if (this.socket) this.socket.close(code, reason);
      else this.state = CLOSED; // the ticket is still on its way: never connect
    }

    private open(ticket: string): void {
      if (this.state === CLOSED) return;
      const socket = new Inner(withTicket(this.url, ticket), this.protocols);
      socket.binaryType = this.binaryType;
      socket.onopen = () => this.emit('open', new Event('open'));
      socket.onmessage = (event: MessageEvent) => {
        // The handler reads only `data`: it is given the socket's own event.
        this.onmessage?.call(this, event);
        if (this.messageListeners.size) this.dispatchEvent(new MessageEvent('message', { data: event.data }));
      };
      socket.onerror = () => this.emit('error', new Event('error'));
      socket.onclose = (event: CloseEvent) => this.emit('close', closeEvent(event.code, event.reason));
      this.socket = socket;
    }

    private fail(code: number, reason: string): void {
      if (this.state === CLOSED) return;
      this.state = CLOSED;
      this.emit('close', closeEvent(code, reason));
    }

    private emit(type: 'open' | 'error' | 'close', event: Event): void {
      const handler = this[`on${type}`];
      if (handler) handler.call(this, event);
      this.dispatchEvent(event);
    }
  }
  return TicketedWebSocket as unknown as WebSocketClass;
}
