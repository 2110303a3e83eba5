/// Fan-out between server processes through Redis pub/sub (see the README's design notes on why
/// pub/sub and not streams): one channel per draft, carrying the updates a process stored (with their
/// record entry, so a receiver can tell a missed message by the gap), presence, and comment events.
/// Delivery is at most once. A process never receives its own messages and never republishes what it
/// received, so nothing loops between processes; after a reconnect `onReconnect` fires, and the
/// receiver repairs from the record (PostgreSQL), the one durable copy.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Redis } from 'ioredis';
import type { RecordHead } from '../storage/record-chain.ts';

/// One message between processes, about one draft.
export type FanoutMessage =
  | {
      readonly kind: 'update';
      readonly draftId: string;
      /// The record entry the update was stored as.
      readonly head: RecordHead;
      readonly update: Uint8Array;
    }
  | { readonly kind: 'awareness'; readonly draftId: string; readonly update: Uint8Array }
  | { readonly kind: 'event'; readonly draftId: string; readonly name: string; readonly payload: unknown }
  /// A process just loaded the draft: the others send the presence of their connections.
  | { readonly kind: 'query'; readonly draftId: string };

const kinds = ['update', 'awareness', 'event', 'query'] as const;

/// The wire form of `message` sent by process `from`.
export function encodeFanout(from: string, message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kinds.indexOf(message.kind));
  encoding.writeVarString(encoder, from);
  encoding.writeVarString(encoder, message.draftId);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.head.seq);
      encoding.writeVarUint(encoder, message.head.at);
      encoding.writeVarUint8Array(encoder, message.head.hash);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'event':
      encoding.writeVarString(encoder, message.name);
      encoding.writeVarString(encoder, JSON.stringify(message.payload));
      break;
    case 'query':
      break;
  }
  return encoding.toUint8Array(encoder);
}

/// The sender and message of `bytes`. Throws on a malformed message.
export function decodeFanout(bytes: Uint8Array): { from: string; message: FanoutMessage } {
  const decoder = decoding.createDecoder(bytes);
  const kind = kinds[decoding.readVarUint(decoder)];
  const from = decoding.readVarString(decoder);
  const draftId = decoding.readVarString(decoder);
  let message: FanoutMessage;
  switch (kind) {
    case 'update': {
      const seq = decoding.readVarUint(decoder);
      const at = decoding.readVarUint(decoder);
      const hash = decoding.readVarUint8Array(decoder);
      message = { kind, draftId, head: { seq, at, hash }, update: decoding.readVarUint8Array(decoder) };
      break;
    }
    case 'awareness':
      message = { kind, draftId, update: decoding.readVarUint8Array(decoder) };
      break;
    case 'event':
      message = {
        kind,
        draftId,
        name: decoding.readVarString(decoder),
        payload: JSON.parse(decoding.readVarString(decoder)),
      };
      break;
    case 'query':
      message = { kind, draftId };
      break;
    default:
      throw new RangeError('unknown fan-out message kind');
  }
  if (decoding.hasContent(decoder)) throw new RangeError('trailing bytes after a fan-out message');
  return { from, message };
}

/// What a RedisFanout tells its process.
export interface FanoutHandlers {
  /// A message of another process about a draft this one subscribed to.
  readonly onMessage: (message: FanoutMessage) => void;
  /// The connection to Redis came back after it was lost: messages may have been missed.
  readonly onReconnect?: () => void;
  /// Something went wrong that loses no data (a malformed message, a failed publish, Redis down).
  readonly onProblem?: (problem: string) => void;
}

const channelOf = (draftId: string) => `lifa:draft:${draftId}`;
const prefix = 'lifa:draft:';

/// A process's two connections to Redis: one subscribed to the channels of the drafts it holds, one
/// to publish on. Both reconnect by themselves, forever, with a short backoff.
export class RedisFanout {
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  // How many holders (a loaded room, an event stream) want each channel.
  private readonly channels = new Map<string, number>();
  private lost = false;
  private closed = false;
  private lastError: string | null = null;

  private constructor(
    url: string,
    /// This process's id: its own messages are not handed back to it.
    readonly processId: string,
    private readonly handlers: FanoutHandlers,
  ) {
    const options = {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      retryStrategy: (times: number) => Math.min(50 * times, 1000),
    };
    this.subscriber = new Redis(url, { ...options, autoResubscribe: true });
    // A publish while Redis is down fails at once instead of waiting in a queue: the receivers repair
    // from the record anyway, and a queue would grow without bound.
    // Publishes made in one turn of the event loop (a room storing a burst) go out in one write.
    this.publisher = new Redis(url, { ...options, enableOfflineQueue: false, enableAutoPipelining: true });
    for (const client of [this.subscriber, this.publisher]) {
      client.on('error', (error: Error) => {
        this.lastError = error.message;
        this.problem(`redis: ${error.message}`);
      });
    }
    this.subscriber.on('close', () => {
      if (!this.closed) this.lost = true;
    });
    this.subscriber.on('ready', () => {
      if (!this.lost || this.closed) return;
      this.lost = false;
      this.handlers.onReconnect?.();
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, data: Buffer) => this.receive(channel, data));
  }

  /// Connect to the Redis at `url`. Rejects when it cannot be reached now, saying why.
  static async connect(url: string, processId: string, handlers: FanoutHandlers): Promise<RedisFanout> {
    const fanout = new RedisFanout(url, processId, handlers);
    try {
      await Promise.all([fanout.subscriber.connect(), fanout.publisher.connect()]);
    } catch (error) {
      fanout.closed = true;
      fanout.subscriber.disconnect();
      fanout.publisher.disconnect();
      throw new Error(`cannot reach Redis at ${url}: ${fanout.lastError ?? (error as Error).message}`);
    }
    return fanout;
  }

  /// Receive the messages of `draftId` (while it is loaded here, or has an event stream open here).
  /// Subscriptions are counted: each call must be matched by one unsubscribe(draftId). While Redis is
  /// down the promise waits for it to come back (the subscription is made on reconnect).
  async subscribe(draftId: string): Promise<void> {
    const channel = channelOf(draftId);
    const holders = this.channels.get(channel) ?? 0;
    this.channels.set(channel, holders + 1);
    if (holders === 0 && !this.closed) await this.subscriber.subscribe(channel);
  }

  /// Drop one subscription to `draftId`; the last one stops receiving its messages.
  async unsubscribe(draftId: string): Promise<void> {
    const channel = channelOf(draftId);
    const holders = this.channels.get(channel);
    if (!holders) return;
    if (holders > 1) return void this.channels.set(channel, holders - 1);
    this.channels.delete(channel);
    if (!this.closed) await this.subscriber.unsubscribe(channel);
  }

  /// Tell the other processes holding the draft. Never rejects: a message that cannot be sent is
  /// reported to onProblem and left to the receivers' repair.
  async publish(message: FanoutMessage): Promise<void> {
    if (this.closed) return;
    try {
      await this.publisher.publish(
        channelOf(message.draftId),
        Buffer.from(encodeFanout(this.processId, message)),
      );
    } catch (error) {
      this.problem(`publish failed: ${(error as Error).message}`);
    }
  }

  /// Close both connections.
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private receive(channel: Buffer, data: Buffer): void {
    if (!channel.toString().startsWith(prefix)) return;
    let decoded;
    try {
      decoded = decodeFanout(data);
    } catch (error) {
      this.problem(`malformed fan-out message on ${channel}: ${(error as Error).message}`);
      return;
    }
    if (decoded.from === this.processId) return;
    if (`${prefix}${decoded.message.draftId}` !== channel.toString()) {
      this.problem(`a fan-out message about draft ${decoded.message.draftId} came on ${channel}`);
      return;
    }
    this.handlers.onMessage(decoded.message);
  }

  private problem(text: string): void {
    this.handlers.onProblem?.(text);
  }
}
