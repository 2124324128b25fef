// Types for attacks.mjs (used by test/integration/web-host-attacks.test.ts).
import type { Socket } from 'node:net';

export interface AttackContext {
  port: number;
  token: string;
  /** The host's process id (for counting its open files). */
  pid: number;
  /** NEURITE_USER_DIR of the host. */
  userDir: string;
  /** The renderer folder the host serves. */
  rendererDir: string;
}
export interface AttackOutcome {
  refused: boolean;
  /** What the attacker was told. */
  error: string;
  bytesLost?: number;
}
export interface Attack {
  name: string;
  finding: number;
  run(context: AttackContext): Promise<AttackOutcome>;
}
export interface StartupAttack {
  name: string;
  finding: number;
  run(context: { entry: string }): Promise<AttackOutcome>;
}
export const ATTACKS: Attack[];
export const STARTUP_ATTACKS: StartupAttack[];
export function ping(port: number, token: string): Promise<boolean>;
export function openFiles(pid: number): number | null;
export function hostEntry(root: string): string;
export function fuzz(context: { port: number; token: string }, options?: { frames?: number; messages?: number; seconds?: number; seed?: number }): Promise<{ frames: number; messages: number }>;
export function rawHandshake(port: number, token: string, options?: { host?: string; origin?: string; timeoutMs?: number }): Promise<{ socket: Socket; status: number; head: string; body: Buffer }>;
