// Preloaded into every Node.js process of a benchmarked command (through
// NODE_OPTIONS): records the process's peak resident memory on exit.
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

process.on("exit", () => {
  const dir = process.env.BENCH_RSS_DIR;
  if (dir)
    writeFileSync(
      join(dir, String(process.pid)),
      String(process.resourceUsage().maxRSS),
    );
});
