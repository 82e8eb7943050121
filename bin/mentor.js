#!/usr/bin/env node
// The «mentor» command: runs the offline build (lib/mentor.cjs), building it first if needed.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { execFileSync } = require("node:child_process");

const lib = join(__dirname, "..", "lib", "mentor.cjs");
if (!existsSync(lib)) {
  execFileSync(process.execPath, [join(__dirname, "..", "scripts", "build.mjs")], { stdio: "inherit" });
}
require(lib);
