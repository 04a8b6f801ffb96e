import { type ChildProcess, spawn } from 'node:child_process';
import { CLI } from './build.js';

/** What one run of the binary printed, and its exit code. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type Env = Record<string, string | undefined>;

/**
 * A clean environment: the developer's own OTPKIT_* settings must not leak into a test, and the
 * throttle delay is off unless a test asks for it (a test that wants delays sets it back).
 */
function environment(env: Env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    OTPKIT_THROTTLE_FACTOR: '0',
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete clean[name];
    else clean[name] = value;
  }
  return clean;
}

/** A running binary whose output can be awaited piece by piece (interactive enrollment). */
export interface CliSession {
  child: ChildProcess;
  /** Resolves with all of stdout + stderr so far once `pattern` appears in it. */
  waitFor(pattern: RegExp): Promise<string>;
  write(text: string): void;
  /** Close stdin and wait for the exit. */
  finish(): Promise<CliRun>;
}

export function startCli(args: readonly string[], env: Env = {}): CliSession {
  const child = spawn(process.execPath, [CLI, ...args], { env: environment(env), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (text: string) => void }> = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stdout + stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(stdout + stderr);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    check();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        exited.then(() => {
          if (waiters.some((waiter) => waiter.pattern === pattern)) {
            reject(new Error(`The CLI exited before printing ${pattern}:\n${stdout}\n${stderr}`));
          }
        });
      }),
    write: (text) => child.stdin!.write(text),
    async finish() {
      child.stdin!.end();
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}

/** Run the binary to completion, with `input` on stdin. */
export function runCli(args: readonly string[], env: Env = {}, input = ''): Promise<CliRun> {
  const session = startCli(args, env);
  if (input) session.write(input);
  return session.finish();
}

/** Run with `--json` and parse stdout (one JSON document). */
export async function runJson<T = Record<string, unknown>>(
  args: readonly string[],
  env: Env = {},
): Promise<CliRun & { json: T }> {
  const run = await runCli([...args, '--json'], env);
  let json: T;
  try {
    json = JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, json };
}
