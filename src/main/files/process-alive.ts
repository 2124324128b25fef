/**
 * True when a process with this pid exists: signal 0 checks without signalling (EPERM means it
 * exists but is another user's). Used to tell a crashed writer's leftovers from a live writer's
 * files in progress.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
