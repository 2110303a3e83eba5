/// The preload: runs sandboxed before the page, and exposes the one desktop API as
/// `window.lifaDesktop` through contextBridge. Tiny on purpose — it imports only types besides
/// `electron`, hands the page no Electron object, and invokes only `lifa:` channels.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type {
  ChannelPrefix,
  CommandChannel,
  DesktopHost,
  HostChannel,
  HostChannels,
  HostCommand,
  ServerUrlSwitch,
} from './host-api.ts';

const prefix: ChannelPrefix = 'lifa:';
const commandChannel: CommandChannel = 'lifa:command';
const serverUrlSwitch: ServerUrlSwitch = '--lifa-server-url=';

function invoke<C extends HostChannel>(
  channel: C,
  ...args: HostChannels[C]['args']
): Promise<HostChannels[C]['result']> {
  if (!channel.startsWith(prefix)) return Promise.reject(new Error(`Refused channel ${channel}`));
  return ipcRenderer.invoke(channel, ...args) as Promise<HostChannels[C]['result']>;
}

// The main process passes the window's server URL as an argument (window.ts, serverUrlArgument).
const serverUrl =
  process.argv.find((arg) => arg.startsWith(serverUrlSwitch))?.slice(serverUrlSwitch.length) ?? '';

const host: DesktopHost = {
  kind: 'desktop',
  serverUrl,
  openTextFile: (extensions) => invoke('lifa:openTextFile', extensions),
  saveFile: (file) => invoke('lifa:saveFile', file),
  appInfo: () => invoke('lifa:appInfo'),
  serverConnection: () => invoke('lifa:serverConnection'),
  connectTeamServer: (signIn) => invoke('lifa:connectTeamServer', signIn),
  useLocalServer: () => invoke('lifa:useLocalServer'),
  setDraftTitle: (draftTitle) => invoke('lifa:setDraftTitle', draftTitle),
  addRecentDraft: (draft) => invoke('lifa:addRecentDraft', draft),
  openExternal: (url) => invoke('lifa:openExternal', url),
  onCommand(listener) {
    // The page gets the command only, never the IPC event (which would reach ipcRenderer).
    const forward = (_event: IpcRendererEvent, command: HostCommand): void => listener(command);
    ipcRenderer.on(commandChannel, forward);
    let subscribed = true;
    return () => {
      if (subscribed) ipcRenderer.removeListener(commandChannel, forward);
      subscribed = false;
    };
  },
};

contextBridge.exposeInMainWorld('lifaDesktop', host);
