import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, EVENT_NAMES, ipcChannel } from '../shared/api/names';

/**
 * The bridge: one named function per API call and a typed `on` for events — never ipcRenderer
 * itself and never the raw IPC event. Replies are WireResults; the renderer unwraps them.
 */
const bridge: Record<string, unknown> = {};
for (const name of CALL_NAMES) {
  bridge[name] = (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request);
}
bridge.on = (event: string, listener: (payload: unknown) => void) => {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event "${event}"`);
  const channel = ipcChannel(event);
  const wrapped = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
};

contextBridge.exposeInMainWorld('neurite', Object.freeze(bridge));
