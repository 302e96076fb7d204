// Which `py3port-lsp` runs: `py3port.path`, else (with `importStrategy: fromEnvironment`)
// the active Python environment's or PATH's, else the one bundled with the extension.
// Every candidate must answer `--version` as py3port-lsp does before it is used.

import { execFile } from "node:child_process";
import { constants, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as vscode from "vscode";

import type { ClientSettings } from "./settings";

export const SERVER_NAME = "py3port-lsp";

/** How a binary was found, for the log and the debug information. */
export type Source = "py3port.path" | "environment" | "PATH" | "bundled";

export interface ServerBinary {
  path: string;
  /** The version `--version` printed (`0.1.0`). */
  version: string;
  source: Source;
  /** One sentence: why this binary, in the words the README's troubleshooting uses. */
  reason: string;
  /** Candidates that were found but could not run, with why. */
  skipped: string[];
}

/** No usable binary; the message says what to do. */
export class ServerNotFound extends Error {
  constructor(
    message: string,
    /** Whether a setting is the cause (the notification offers to open the settings). */
    readonly settingsProblem: boolean,
  ) {
    super(message);
    this.name = "ServerNotFound";
  }
}

export interface Environment {
  /** The extension's folder (the bundled binary is in `bundled/libs/bin`). */
  extensionPath: string;
  settings: ClientSettings;
  /** The folder of the active Python interpreter, if the Python extension knows one. */
  pythonBin?: () => Promise<string | undefined>;
  platform?: NodeJS.Platform;
  /** PATH and (Windows) PATHEXT. */
  env?: NodeJS.ProcessEnv;
  /** How long `--version` may take. */
  timeoutMs?: number;
}

export function executableName(platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? `${SERVER_NAME}.exe` : SERVER_NAME;
}

export function bundledPath(extensionPath: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(extensionPath, "bundled", "libs", "bin", executableName(platform));
}

/** The binary to run, or `ServerNotFound`. */
export async function findServer(environment: Environment): Promise<ServerBinary> {
  const platform = environment.platform ?? process.platform;
  const env = environment.env ?? process.env;
  const timeout = environment.timeoutMs ?? 10_000;
  const { settings } = environment;
  const skipped: string[] = [];

  if (settings.path.length > 0) {
    // An explicit path is never silently replaced by another binary.
    const entries = settings.path.map((entry) => expand(entry));
    for (const entry of entries) {
      const candidate = isBareName(entry) ? await onPath(entry, env, platform) : entry;
      if (candidate === undefined || !(await isFile(candidate))) continue;
      const probe = await probeVersion(candidate, timeout);
      if (probe.ok) {
        return { path: candidate, version: probe.version, source: "py3port.path", reason: "set by `py3port.path`", skipped };
      }
      throw new ServerNotFound(
        `py3port: \`py3port.path\` names ${candidate}, which is not a working py3port-lsp (${probe.error}). ` +
          "Point `py3port.path` at a py3port-lsp binary, or remove the setting to use the bundled one.",
        true,
      );
    }
    throw new ServerNotFound(
      `py3port: none of the files in \`py3port.path\` exists (${entries.join(", ")}). ` +
        "Point `py3port.path` at a py3port-lsp binary, or remove the setting to use the bundled one.",
      true,
    );
  }

  if (settings.importStrategy === "fromEnvironment" && vscode.workspace.isTrusted) {
    const candidates: { path: string; source: Source; reason: string }[] = [];
    const pythonBin = await environment.pythonBin?.().catch(() => undefined);
    if (pythonBin !== undefined) {
      candidates.push({
        path: path.join(pythonBin, executableName(platform)),
        source: "environment",
        reason: `found in the active Python environment (${pythonBin}), as \`py3port.importStrategy\` is \`fromEnvironment\``,
      });
    }
    const fromPath = await onPath(SERVER_NAME, env, platform);
    if (fromPath !== undefined) {
      candidates.push({
        path: fromPath,
        source: "PATH",
        reason: "found on PATH, as `py3port.importStrategy` is `fromEnvironment`",
      });
    }
    for (const candidate of candidates) {
      if (!(await isFile(candidate.path))) continue;
      const probe = await probeVersion(candidate.path, timeout);
      if (probe.ok) return { ...candidate, version: probe.version, skipped };
      skipped.push(`${candidate.path}: ${probe.error}`);
    }
  }

  const bundled = bundledPath(environment.extensionPath, platform);
  const why =
    settings.importStrategy === "useBundled"
      ? "`py3port.importStrategy` is `useBundled`"
      : !vscode.workspace.isTrusted
        ? "the workspace is not trusted, so no environment binary is run"
        : skipped.length > 0
          ? "the environment's py3port-lsp could not run"
          : "no py3port-lsp in the active Python environment or on PATH";
  if (await isFile(bundled)) {
    const probe = await probeVersion(bundled, timeout);
    if (probe.ok) {
      return { path: bundled, version: probe.version, source: "bundled", reason: `bundled with the extension (${why})`, skipped };
    }
    throw new ServerNotFound(
      `py3port: the bundled py3port-lsp (${bundled}) cannot run: ${probe.error}. ` +
        "Reinstall the extension for this platform, or install py3port-lsp (`cargo install --path crates/py3port-lsp`) and set `py3port.path`.",
      false,
    );
  }
  const tried = skipped.length > 0 ? ` Skipped: ${skipped.join("; ")}.` : "";
  throw new ServerNotFound(
    `py3port: no py3port-lsp to run (${why}, and this installation of the extension has no bundled binary).${tried} ` +
      "Install py3port-lsp (`cargo install --path crates/py3port-lsp` from a py3port checkout) and put it on PATH, " +
      "or set `py3port.path` to it.",
    true,
  );
}

/** `~`, `${userHome}` and `${workspaceFolder}` (the first folder) in a configured path. */
export function expand(entry: string): string {
  const home = os.homedir();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let value = entry.trim();
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) value = home + value.slice(1);
  value = value.replaceAll("${userHome}", home);
  if (folder !== undefined) value = value.replaceAll("${workspaceFolder}", folder);
  return value;
}

function isBareName(entry: string): boolean {
  return !entry.includes("/") && !entry.includes("\\");
}

async function isFile(candidate: string): Promise<boolean> {
  try {
    const stat = await fs.stat(candidate);
    if (!stat.isFile()) return false;
    if (process.platform !== "win32") await fs.access(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH (with PATHEXT's extensions on Windows). */
export async function onPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | undefined> {
  const separator = platform === "win32" ? ";" : ":";
  const directories = (env.PATH ?? env.Path ?? "").split(separator).filter((directory) => path.isAbsolute(directory));
  const extensions =
    platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").map((extension) => extension.toLowerCase()) : [""];
  for (const directory of directories) {
    for (const extension of extensions) {
      const candidate = path.join(directory, name.toLowerCase().endsWith(extension) ? name : name + extension);
      if (await isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

type Probe = { ok: true; version: string } | { ok: false; error: string };

/** Runs `binary --version`; a py3port-lsp prints `py3port-lsp X.Y.Z`. */
export function probeVersion(binary: string, timeout: number): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(binary, ["--version"], { timeout, windowsHide: true }, (error, stdout, stderr) => {
      if (error !== null) {
        const detail = String(stderr).trim() || error.message;
        const reason = error.killed ? `no answer to --version within ${timeout} ms` : `--version failed: ${detail}`;
        resolve({ ok: false, error: reason });
        return;
      }
      const match = /^py3port-lsp (\S+)\s*$/.exec(String(stdout));
      if (match === null) {
        resolve({ ok: false, error: `--version printed ${JSON.stringify(String(stdout).trim().slice(0, 80))}, not "py3port-lsp <version>"` });
        return;
      }
      resolve({ ok: true, version: match[1] as string });
    });
  });
}

interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(environment: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
}

/** The Python extension's API, if it is installed (it is optional). */
export async function pythonApi(): Promise<PythonApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>("ms-python.python");
  if (extension === undefined) return undefined;
  try {
    return extension.isActive ? extension.exports : await extension.activate();
  } catch {
    return undefined;
  }
}

/** The folder of the active Python interpreter (`bin`, or `Scripts` on Windows). */
export async function activePythonBin(resource?: vscode.Uri): Promise<string | undefined> {
  const environments = (await pythonApi())?.environments;
  if (environments === undefined) return undefined;
  const resolved = await environments.resolveEnvironment(environments.getActiveEnvironmentPath(resource));
  const executable = resolved?.executable.uri?.fsPath;
  return executable === undefined ? undefined : path.dirname(executable);
}
