// Writes the analyzer's settings into package.json (the second `contributes.configuration`
// section) from the core's settings table. Run after a setting is added to the core:
//   npm run sync-settings
// test/settings.test.ts fails until package.json agrees with the table.

import { readFileSync, writeFileSync } from "node:fs";

import { contribution, settingsTable } from "./settings-table.mjs";

const manifestUrl = new URL("../package.json", import.meta.url);
const manifest = JSON.parse(readFileSync(manifestUrl, "utf8"));
const properties = {};
for (const row of settingsTable()) properties[`py3port.${row.key}`] = contribution(row);
const sections = manifest.contributes.configuration;
const analysis = sections.find((section) => section.id === "py3port.analysis");
analysis.properties = properties;
writeFileSync(manifestUrl, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`package.json: ${Object.keys(properties).length} analyzer settings from the core's table.`);
