import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { TrainerChannel } from './trainer-host';

/**
 * The trainer as a Node child process (browser host, command line, tests). The default script is
 * the built trainer beside the built main bundle (out/main/trainer.js).
 */
export function forkNodeTrainer(scriptPath: string = defaultTrainerScript()): TrainerChannel {
  const child = fork(scriptPath, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  child.on('error', (error) => console.error(`trainer process error: ${error.message}`));
  return {
    send: (msg) => {
      if (child.connected) child.send(msg as object);
    },
    onMessage: (cb) => child.on('message', cb),
    onExit: (cb) => child.on('exit', (code) => cb(code)),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}

/** out/main/trainer.js, whether this code was bundled into an entry (out/main) or a shared chunk (out/main/chunks). */
export function defaultTrainerScript(): string {
  const beside = path.join(__dirname, 'trainer.js');
  if (existsSync(beside)) return beside;
  return path.join(__dirname, '..', 'trainer.js');
}
