import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, ipcChannel } from '../shared/api/names';
import { dispatch, type Handlers } from './services/dispatch';

/**
 * Registers one `ipcMain.handle` per call in the contract. Each message is checked against its
 * sender (our own renderer only) and its schema (in dispatch) before a service sees it.
 */
export function registerIpc(ipcMain: IpcMain, handlers: Handlers, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call the Neurite API.' } };
      }
      return dispatch(handlers, name, payload);
    });
  }
}
