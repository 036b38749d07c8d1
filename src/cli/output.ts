/** Writing a report: to standard output, or to --output-file (parent directories created). */
import { dirname, resolve } from "node:path";
import { describeFsError, CliUsageError, type CliIO } from "./io.js";

export async function writeReport(io: CliIO, text: string, outputFile: string | undefined): Promise<void> {
  if (outputFile === undefined) {
    if (text !== "") io.stdout.write(text);
    return;
  }
  const target = resolve(io.cwd, outputFile);
  try {
    await io.fs.mkdirp?.(dirname(target));
    await io.fs.writeFile(target, text);
  } catch (e) {
    throw new CliUsageError(`cannot write the report to ${outputFile}: ${describeFsError(e)}`);
  }
}
