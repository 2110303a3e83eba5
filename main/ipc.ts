/// The IPC handlers: one table keyed by channel (`lifa:<method>`), each of which first checks the
/// sender — one of the app's windows, its main frame, on the app's own origin — then validates the
/// arguments with zod, and only then calls the host service. Anything else is refused with an
/// IpcRefusal and never reaches the service. Feature code never touches ipcMain; app.ts registers
/// this table and nothing else.
import { z } from 'zod';
import type { HostChannel, HostChannels, HostService, InvokableMethod } from './host-api.ts';
import { originOf } from './security.ts';

/// An IPC request that was refused: wrong sender or bad arguments.
export class IpcRefusal extends Error {
  override readonly name = 'IpcRefusal';
}

/// The parts of a frame the sender check reads (Electron's WebFrameMain).
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/// The parts of an IPC event the sender check reads (Electron's IpcMainInvokeEvent).
export interface SenderEvent {
  readonly sender: { readonly id: number; readonly mainFrame: SenderFrame };
  readonly senderFrame: SenderFrame | null;
}

/// Who may call: the app's origin now (it is known once the server runs), and whether a webContents
/// id is one of the app's windows.
export interface SenderPolicy {
  readonly appOrigin: () => string;
  readonly isAppWindow: (webContentsId: number) => boolean;
}

/// Check that `event` comes from the main frame of one of the app's windows, showing a page of the
/// app's own origin. Throws an IpcRefusal naming what is wrong.
export function checkSender(event: SenderEvent, policy: SenderPolicy): void {
  const frame = event.senderFrame;
  if (!frame) throw new IpcRefusal('IPC refused: the sending frame is gone');
  if (!policy.isAppWindow(event.sender.id)) throw new IpcRefusal('IPC refused: not an app window');
  const main = event.sender.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    throw new IpcRefusal('IPC refused: not the main frame');
  }
  const origin = originOf(frame.url);
  if (origin !== policy.appOrigin()) throw new IpcRefusal(`IPC refused: origin ${origin ?? frame.url}`);
}

const shortText = (max: number) => z.string().max(max);

/// The largest file saveFile writes: 256 MiB.
export const maxSaveBytes = 256 * 1024 * 1024;

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', 'a file name without folders');

/// The argument schemas of every channel: strict objects (no unknown keys), bounded strings and sizes.
export const argumentSchemas = {
  'lifa:appInfo': z.tuple([]),
  'lifa:openTextFile': z.tuple([z.array(z.string().regex(/^\.?[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/)).max(20)]),
  'lifa:saveFile': z.tuple([
    z.strictObject({
      name: fileName,
      data: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= maxSaveBytes, 'at most 256 MiB'),
      mime: shortText(200),
    }),
  ]),
  'lifa:serverConnection': z.tuple([]),
  'lifa:connectTeamServer': z.tuple([
    z.strictObject({
      url: shortText(2000).min(1),
      username: shortText(64).min(1),
      password: shortText(1024).min(1),
    }),
  ]),
  'lifa:useLocalServer': z.tuple([]),
  'lifa:setDraftTitle': z.tuple([
    shortText(1000)
      .nullish()
      .transform((title) => title ?? undefined),
  ]),
  'lifa:addRecentDraft': z.tuple([
    z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/), title: shortText(500) }),
  ]),
  'lifa:openExternal': z.tuple([shortText(2048)]),
} satisfies { readonly [C in HostChannel]: z.ZodType<HostChannels[C]['args'], unknown> };

/// One IPC handler as ipcMain.handle takes it.
export type IpcHandler = (event: SenderEvent, ...args: unknown[]) => Promise<unknown>;

/// The handler table: a handler per channel.
export type IpcHandlerTable = { readonly [C in HostChannel]: IpcHandler };

/// The method a channel calls: `openFile` for `lifa:openFile`.
export function methodOf<C extends HostChannel>(channel: C): InvokableMethod {
  return channel.slice('lifa:'.length) as InvokableMethod;
}

/// Build the handler table over `service`. Each handler checks the sender (checkSender), parses the
/// arguments (a call with missing, extra or malformed arguments is refused), then calls the service.
/// `onRefusal` hears about every refusal (for the log); refusals reject the renderer's call.
export function createIpcHandlers(
  service: HostService,
  policy: SenderPolicy,
  onRefusal: (channel: HostChannel, reason: string) => void = () => {},
): IpcHandlerTable {
  const table = {} as Record<HostChannel, IpcHandler>;
  for (const channel of Object.keys(argumentSchemas) as HostChannel[]) {
    const schema: z.ZodType<unknown[], unknown> = argumentSchemas[channel];
    const method = methodOf(channel);
    table[channel] = async (event, ...args) => {
      try {
        checkSender(event, policy);
      } catch (error) {
        onRefusal(channel, (error as Error).message);
        throw error;
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const reason = `IPC refused: bad arguments for ${channel}: ${z.prettifyError(parsed.error).split('\n')[0]}`;
        onRefusal(channel, reason);
        throw new IpcRefusal(reason);
      }
      const call = service[method] as (...values: unknown[]) => Promise<unknown>;
      return call(...parsed.data);
    };
  }
  return table;
}

/// The part of ipcMain that registerIpcHandlers uses.
export interface IpcRegistry {
  handle(channel: string, handler: IpcHandler): void;
  removeHandler(channel: string): void;
}

/// Register every handler of `table` with `ipcMain`. Returns the function that removes them.
export function registerIpcHandlers(ipcMain: IpcRegistry, table: IpcHandlerTable): () => void {
  const channels = Object.keys(table) as HostChannel[];
  for (const channel of channels) ipcMain.handle(channel, table[channel]);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
