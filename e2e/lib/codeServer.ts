// Starts and stops code-server (VS Code 1.100.3 with the real Node extension host) with all of
// its state in a throwaway folder. See /work/shared/guides/vscode-e2e.md for why each flag exists.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** CODE_SERVER_VERSION is the pinned code-server release; the workbench selectors depend on it. */
export const CODE_SERVER_VERSION = '4.100.3';

/** REPO_ROOT is the repository checkout these tests run from. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** CODE_SERVER_ENTRY is the code-server CLI installed by scripts/installCodeServer.sh. */
export const CODE_SERVER_ENTRY = path.join(
  REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js',
);

/**
 * DEFAULT_SETTINGS is the user settings.json every instance starts with: no welcome page, no
 * trust prompt, no telemetry, no update or marketplace traffic, nothing that pops up uninvited.
 */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

/** CodeServerOptions configures one code-server instance. */
export interface CodeServerOptions {
  /** Extra user settings, merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** .vsix files (or extension ids already on disk) installed before the server starts. */
  installExtensions?: string[];
  /** How long to wait for /healthz; a cold start on 2 cores takes about a minute. */
  startTimeoutMs?: number;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
  /** Keep the state folder after stop() (for debugging); also set by E2E_KEEP_STATE=1. */
  keepState?: boolean;
  /** A fixed port (the demo); tests leave it unset and get a free one. */
  port?: number;
}

/** WorkbenchPayload is what the page URL's `payload` carries into the workbench. */
export interface WorkbenchPayload {
  /** Absolute path of an extension folder to load in development mode. */
  extensionDevelopmentPath?: string;
  /** Absolute path of a module exporting `run(): Promise<void>`, without `.js`; needs extensionDevelopmentPath. */
  extensionTestsPath?: string;
}

/** CodeServer is one running code-server; stop() ends its whole process group and deletes its state. */
export interface CodeServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `127.0.0.1:PORT`, the authority of `vscode-remote://` URIs for this server. */
  readonly authority: string;
  /** Folder holding config, user data, extensions and XDG dirs. */
  readonly stateDir: string;
  /** The settings.json written into the user data dir. */
  readonly settingsPath: string;
  /** The page URL that opens `folder` (absolute path) with an optional development payload. */
  workbenchUrl(folder: string, payload?: WorkbenchPayload): string;
  /** The `vscode-remote://` URI of an absolute path on this server. */
  remoteUri(absPath: string): string;
  /** The last lines the server printed (stdout and stderr), for failure reports. */
  logTail(lines?: number): string;
  /** Kills the process group, waits until it is gone, removes the state folder. Idempotent. */
  stop(): Promise<void>;
}

// Every live process group (with its state folder), so an interrupted or timed-out run still
// leaves nothing behind.
const liveGroups = new Map<number, { stateDir: string; keepState: boolean }>();
process.on('exit', () => {
  killAllCodeServers();
  for (const { stateDir, keepState } of liveGroups.values()) {
    if (!keepState) rmSync(stateDir, { recursive: true, force: true });
  }
});

/**
 * killAllCodeServers SIGKILLs every code-server this process started and has not stopped yet.
 * For the runner after a case times out (its own finally may never run); tests use stop().
 */
export function killAllCodeServers(): void {
  for (const pgid of liveGroups.keys()) killGroup(pgid, 'SIGKILL');
}

/** codeServerInstalled tells whether scripts/installCodeServer.sh has run. */
export function codeServerInstalled(): boolean {
  return existsSync(CODE_SERVER_ENTRY);
}

/**
 * startCodeServer starts code-server on a free 127.0.0.1 port with isolated state and resolves
 * once /healthz answers. The caller must stop() it (use try/finally).
 */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!codeServerInstalled()) {
    throw new Error(`code-server is not installed (${CODE_SERVER_ENTRY}); run: bash scripts/installCodeServer.sh`);
  }
  const keepState = options.keepState ?? process.env.E2E_KEEP_STATE === '1';
  const stateDir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-e2e-'));
  try {
    const dirs = {
      userData: path.join(stateDir, 'user-data'),
      extensions: path.join(stateDir, 'extensions'),
      xdgConfig: path.join(stateDir, 'xdg-config'),
      xdgData: path.join(stateDir, 'xdg-data'),
      xdgCache: path.join(stateDir, 'xdg-cache'),
      tmp: path.join(stateDir, 'tmp'),
    };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    const settingsPath = path.join(dirs.userData, 'User', 'settings.json');
    mkdirSync(path.dirname(settingsPath), { recursive: true });
    writeFileSync(settingsPath, JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2));

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // code-server writes logs and a default config under $XDG_* (else $HOME).
      XDG_CONFIG_HOME: dirs.xdgConfig,
      XDG_DATA_HOME: dirs.xdgData,
      XDG_CACHE_HOME: dirs.xdgCache,
      // The extension host leaves vscode-ipc-*.sock files in the temp dir; keep them in ours.
      TMPDIR: dirs.tmp,
      // No marketplace: open-vsx is unreachable and its failures become error toasts.
      EXTENSIONS_GALLERY: '{}',
      ...options.env,
    };
    const configPath = path.join(stateDir, 'config.yaml');
    const common = ['--config', configPath, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
    // The CLI needs a config file too, or it writes a default one.
    writeFileSync(configPath, 'auth: none\ncert: false\n');
    for (const ext of options.installExtensions ?? []) {
      await run(process.execPath, [CODE_SERVER_ENTRY, ...common, '--force', '--install-extension', ext], env);
    }

    // freePort() releases the port before code-server binds it, so another process can win the
    // race: then code-server exits (EADDRINUSE) and we try another port.
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      writeFileSync(configPath, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
      const server = launch(port, common, env, stateDir, settingsPath, keepState);
      try {
        await server.ready(options.startTimeoutMs ?? 120_000);
        return server;
      } catch (err) {
        const tail = server.logTail();
        await server.stop();
        if (attempt < 3 && options.port === undefined && /EADDRINUSE/.test(tail)) continue;
        throw new Error(`${(err as Error).message}\n--- code-server output ---\n${tail}`);
      }
    }
  } catch (err) {
    if (!keepState) rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
}

// Spawns one code-server process; ready() resolves when this very process serves /healthz.
function launch(
  port: number, common: string[], env: NodeJS.ProcessEnv, stateDir: string, settingsPath: string, keepState: boolean,
): CodeServer & { ready(timeoutMs: number): Promise<void> } {
  const authority = `127.0.0.1:${port}`;
  const args = [
    CODE_SERVER_ENTRY, ...common,
    '--auth', 'none', '--bind-addr', authority,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
  ];
  // detached: Node calls setsid() in the child, so the server leads its own process group
  // and `kill -PGID` reaches the extension host and every helper it forks.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  // stop() of a failed attempt must not delete the state folder the next attempt reuses.
  liveGroups.set(pgid, { stateDir, keepState: true });

  const log: string[] = [];
  const onData = (chunk: Buffer): void => {
    log.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
    if (log.length > 2000) log.splice(0, log.length - 1000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = `HTTP server listening on http://${authority}/`;

  let stopped = false;
  let owned = false;
  return {
    url: `http://${authority}`,
    authority,
    stateDir,
    settingsPath,
    workbenchUrl(folder: string, payload?: WorkbenchPayload): string {
      const query = new URLSearchParams({ folder });
      const entries: [string, string][] = [];
      if (payload?.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', this.remoteUri(payload.extensionDevelopmentPath)]);
      if (payload?.extensionTestsPath) entries.push(['extensionTestsPath', this.remoteUri(payload.extensionTestsPath)]);
      if (entries.length > 0) query.set('payload', JSON.stringify(entries));
      return `${this.url}/?${query.toString()}`;
    },
    remoteUri(absPath: string): string {
      return `vscode-remote://${authority}${encodeURI(absPath.split(path.sep).join('/'))}`;
    },
    logTail(lines = 40): string {
      return log.slice(-lines).join('\n');
    },
    async ready(timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before answering /healthz`);
        }
        // Our own "listening" line first: a /healthz answer alone could come from a stranger
        // that grabbed the port.
        if (log.some((l) => l.includes(listening))) {
          try {
            const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
            if (res.ok) {
              owned = true;
              liveGroups.set(pgid, { stateDir, keepState });
              return;
            }
          } catch {
            // Listening but not answering yet.
          }
        }
        await sleep(250);
      }
      throw new Error(`code-server did not answer ${this.url}/healthz within ${timeoutMs} ms`);
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await stopGroup(pgid, child, exited);
      liveGroups.delete(pgid);
      if (owned && !keepState) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** withCodeServer runs fn against a fresh code-server and always stops it afterwards. */
export async function withCodeServer<T>(options: CodeServerOptions, fn: (server: CodeServer) => Promise<T>): Promise<T> {
  const server = await startCodeServer(options);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** freePort asks the kernel for a port nobody listens on (released before code-server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function stopGroup(pgid: number, child: ChildProcess, exited: Promise<void>): Promise<void> {
  // SIGTERM first so code-server can flush state; the extension host would otherwise linger
  // ~20 s holding the port, hence the whole group and the SIGKILL fallback.
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
  while (groupAlive(pgid)) await sleep(50);
  if (child.exitCode === null && child.signalCode === null) await exited;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(args[0] ?? file)} ${args.slice(-2).join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/** sleep resolves after ms milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
