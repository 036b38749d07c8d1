/**
 * The one way the CLI writes a file (`lint --fix`, `fmt --write`, `--output-file`): never in place.
 * The new content goes to a temporary file in the same directory, which gets the original's mode
 * and owner, is flushed to disk (fsync) and then renamed over the original. A crash, a kill or a
 * full disk at any moment leaves either the old file or the new one, never a truncated mix; on a
 * failure the temporary file is removed.
 *
 * - A symbolic link is written through: the file it points to is replaced and the link stays.
 * - A target that exists but is not a regular file (a FIFO, `/dev/stdout`, a terminal) cannot be
 *   renamed over: it is written directly, as a stream would be.
 * - If the owner cannot be kept (another user's file in a directory we may write to), nothing is
 *   written and the error says so (EPERM), rather than silently changing the owner.
 * - A file the user may not write is refused (EACCES), although the rename could replace it; so is
 *   a writable file in a directory where no new file may be created (the temporary file cannot be).
 * - Hard links to the file keep the old content (the name now points to a new inode).
 */
import { constants } from "node:fs";
import * as fsp from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { errorCode } from "./io.js";

/** The file operations the writer uses; tests replace some of them to inject failures. */
export interface AtomicWriteFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<{ mode: number; uid: number; gid: number; isFile(): boolean }>;
  /** Rejects when the file may not be written (the rename would otherwise replace a read-only file). */
  access(path: string, mode: number): Promise<void>;
  open(path: string, flags: string, mode?: number): Promise<fsp.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
}

const nodeOps: AtomicWriteFs = {
  realpath: (p) => fsp.realpath(p),
  stat: (p) => fsp.stat(p),
  access: (p, mode) => fsp.access(p, mode),
  open: (p, flags, mode) => fsp.open(p, flags, mode),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  writeFile: (p, data) => fsp.writeFile(p, data),
};

/** The temporary file's name: hidden (directory walks skip dot files) and unique to this write. */
export function tempPathFor(target: string): string {
  // The global Web Crypto object loads Node's crypto module on first use, so a command that
  // writes nothing (a plain lint) does not load it at start-up.
  const random = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(4))).toString("hex");
  return join(dirname(target), `.${basename(target)}.${process.pid}-${random}.tmp`);
}

async function existing<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (errorCode(e) === "ENOENT") return null;
    throw e;
  }
}

/** Replaces `path` with `data` (text is written as UTF-8) atomically; see the module comment. */
export async function writeFileAtomic(path: string, data: Uint8Array | string, ops: AtomicWriteFs = nodeOps): Promise<void> {
  // Through symbolic links: the rename must replace the file, not the link.
  const target = (await existing(ops.realpath(path))) ?? path;
  const before = await existing(ops.stat(target));
  if (before !== null && !before.isFile()) {
    await ops.writeFile(target, data);
    return;
  }
  // A file the user may not write stays as it is, as with an in-place write.
  if (before !== null) await ops.access(target, constants.W_OK);
  const temp = tempPathFor(target);
  // "wx": fail rather than follow anything already at the temporary name.
  const handle = await ops.open(temp, "wx", before === null ? 0o666 : before.mode & 0o777);
  let renamed = false;
  try {
    try {
      await handle.writeFile(data);
      if (before !== null) {
        // open() applies the umask; set the exact mode (setuid/setgid/sticky bits included) and the owner.
        const now = await handle.stat();
        if (now.uid !== before.uid || now.gid !== before.gid) await handle.chown(before.uid, before.gid);
        if ((now.mode & 0o7777) !== (before.mode & 0o7777)) await handle.chmod(before.mode & 0o7777);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await ops.unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dirname(target), ops);
}

/** Makes the rename itself durable. Best effort: some systems cannot open or sync a directory. */
async function syncDirectory(dir: string, ops: AtomicWriteFs): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await ops.open(dir, "r");
    await handle.sync();
  } catch {
    // Not durable across a power loss on this system, but the content is complete either way.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
