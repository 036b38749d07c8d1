// Preloaded (`node -r`) into each start-up process the bench times: at exit, writes the process's
// CPU time so far (user + system, all threads, from process start) to stderr as `@@cpu <ms>`.
// On a busy host this is steadier than the wall clock, which also counts waiting for a core.
"use strict";
process.on("exit", () => {
  const c = process.cpuUsage();
  require("node:fs").writeSync(2, `\n@@cpu ${(c.user + c.system) / 1000}\n`);
});
