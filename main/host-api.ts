/// The IPC contract between the preload and the main process, derived from the one shared interface
/// `DesktopHost` (core/desktop-host.ts). Each invokable method of DesktopHost is one channel
/// `lifa:<method>`; the main process pushes menu commands on `lifa:command`. Types only, so the
/// preload can import it without pulling any code into the renderer.
import type { DesktopHost } from '../core/desktop-host.ts';

export type {
  AppInfo,
  DesktopHost,
  Disposer,
  FileToSave,
  HostCommand,
  OpenedTextFile,
  RecentDraft,
  ServerConnection,
  TeamServerSignIn,
} from '../core/desktop-host.ts';

/// The members of DesktopHost the preload answers itself: `kind` and `serverUrl` (fixed for the
/// window's life, passed to it as arguments) and `onCommand` (a subscription to `lifa:command`).
export type LocalMember = 'kind' | 'serverUrl' | 'onCommand';

/// The methods of DesktopHost that are a request to the main process and a promised answer.
export type InvokableMethod = Exclude<keyof DesktopHost, LocalMember>;

/// The IPC channel of a method: `lifa:openFile` for `openFile`.
export type ChannelOf<M extends InvokableMethod> = `lifa:${M}`;

/// Every invokable channel, mapped to the arguments and the (awaited) result of its method.
export type HostChannels = {
  readonly [M in InvokableMethod as ChannelOf<M>]: {
    readonly args: Parameters<DesktopHost[M]>;
    readonly result: Awaited<ReturnType<DesktopHost[M]>>;
  };
};

/// An invokable channel name.
export type HostChannel = keyof HostChannels;

/// The channel on which the main process sends HostCommands to the window.
export type CommandChannel = 'lifa:command';

/// The prefix every Lifa channel starts with; the preload refuses any other.
export type ChannelPrefix = 'lifa:';

/// The command-line switch through which the main process tells the preload the window's server URL
/// (`--lifa-server-url=http://127.0.0.1:PORT`, via webPreferences.additionalArguments).
export type ServerUrlSwitch = '--lifa-server-url=';

/// The main-process side of the contract: DesktopHost's invokable methods, as the main process
/// implements them (not yet validated — ipc.ts validates sender and arguments before calling them).
export type HostService = { readonly [M in InvokableMethod]: DesktopHost[M] };
