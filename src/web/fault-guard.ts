/**
 * Last line of defence for the browser host: a fault that escapes every handler (an exception
 * thrown from a callback, a promise rejected with nobody listening) is logged with its stack, so
 * it is seen and fixed, and the host keeps serving instead of taking the trainer and every client
 * down with it. Returns the number of faults seen so far.
 */
export function installFaultGuards(
  target: Pick<NodeJS.Process, 'on'> = process,
  log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): () => number {
  let faults = 0;
  const report = (kind: string) => (error: unknown) => {
    faults++;
    log(`[neurite] ${kind} #${faults} (the host keeps serving; please report this):`, error);
  };
  target.on('uncaughtException', report('uncaught exception'));
  target.on('unhandledRejection', report('unhandled promise rejection'));
  return () => faults;
}
