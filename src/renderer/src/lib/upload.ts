import { api } from '../api';
import { tr } from '../i18n';

/**
 * 2 MB per WebSocket message: far below the host's 64 MB limit, and small enough that encoding and
 * sending a chunk never blocks the page for 50 ms (8 MB chunks made 13 long tasks of up to 377 ms
 * while uploading 100 MB; bench/import-large.mjs --browser), at the same upload speed.
 */
export const UPLOAD_CHUNK_BYTES = 2 * 1024 * 1024;

/** A file the browser host holds for main: its upload id, name and size in bytes. */
export type Upload = { uploadId: string; name: string; size: number };

/** A slice of a file as base64 (FileReader's data URL without its prefix). */
export function readChunkBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(tr('csv.readFailed')));
    reader.readAsDataURL(blob);
  });
}

/**
 * Uploads a file the user picked in the page (browser host) to main in UPLOAD_CHUNK_BYTES pieces
 * (`data.uploadBegin`, then `data.uploadChunk` in order); `onChunk(bytesSent)` before each piece.
 * The one upload path of the CSV and image-folder dialogs. Rejects with the API's error.
 */
export async function uploadInChunks(file: File, onChunk: (sent: number) => void): Promise<Upload> {
  const started = await api['data.uploadBegin']({ name: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    onChunk(offset);
    const data = await readChunkBase64(file.slice(offset, offset + UPLOAD_CHUNK_BYTES));
    await api['data.uploadChunk']({ uploadId: started.uploadId, offset, data });
  }
  return started;
}
