/**
 * The real `h2h` command as a child process: one-shot runs, and servers
 * that are started, waited for and always stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO_ROOT, 'bin', 'h2h.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The environment for a child: the parent's, minus any H2H_* it happens to
 * have, plus the given settings. A value of undefined leaves a setting out.
 */
export function cliEnv(settings: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('H2H_')) env[k] = v;
  env.H2H_HOST = '127.0.0.1';
  env.H2H_LOG_LEVEL = 'warn';
  for (const [k, v] of Object.entries(settings)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Every child still running; `killAll` ends them (tests call it in afterEach). */
const live = new Set<ChildProcess>();

function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

/** Runs `h2h …args` to the end; kills it (and fails) after timeoutMs. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const { code, signal } = await exited(child);
    if (signal === 'SIGKILL') throw new Error(`h2h ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`);
    return { code, signal, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** Starts `h2h …args` and hands back the child, to be stopped (or killed) by the test. */
export function startCli(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return { child, result: exited(child).then(({ code, signal }) => ({ code, signal, stdout, stderr })) };
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then wait for the exit (SIGKILL if it does not come). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `h2h …args` (a serve command) and waits until it says it is running.
 * Rejects with its output when it exits first or takes too long.
 */
export async function startServer(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<RunningServer> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const running = /H2H is running at (\S+)/;
  const stop = async (ms = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    try {
      return await exited(child);
    } finally {
      clearTimeout(timer);
    }
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`h2h ${args.join(' ')} did not start within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const m = running.exec(stdout);
      // The line after "running" (first-run notice) comes in the same tick; wait for the newline.
      if (m?.[1] && stdout.slice(m.index).includes('\n')) {
        cleanup();
        resolve(m[1]);
      }
    };
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`h2h ${args.join(' ')} exited (code ${code}, signal ${signal}) before it was running\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('close', onClose);
    };
    child.stdout?.on('data', onData);
    child.once('close', onClose);
  });
  return { url, child, stdout: () => stdout, stderr: () => stderr, stop };
}

/** Kills every child this helper started that is still running, and waits for them. */
export async function killAll(): Promise<void> {
  const children = [...live];
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map((c) => exited(c)));
}

/** Signs in and returns the session cookie as a Cookie header value, and the raw set-cookie. */
export async function login(url: string, email: string, password: string): Promise<{ status: number; cookie: string; setCookie: string[] }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = res.headers.getSetCookie();
  const session = setCookie.find((c) => c.startsWith('h2h_session='));
  await res.arrayBuffer();
  return { status: res.status, cookie: session ? session.split(';')[0]! : '', setCookie };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}
