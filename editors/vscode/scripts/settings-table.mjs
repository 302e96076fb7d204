// The core's settings table (crates/py3port-core/src/settings.rs, `SETTINGS`) and the VS Code
// configuration schema of each row. The table is read from the Rust source itself, the
// one source of truth, so that it can never be a stale copy; the generated docs/settings.md
// is read too, to check this reader against what the core's own generator makes of it.
//
// Used by scripts/sync-settings.mjs (writes package.json) and test/settings.test.ts.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** crates/py3port-core/src/settings.rs in this checkout. */
export const SETTINGS_RS = fileURLToPath(new URL("../../../crates/py3port-core/src/settings.rs", import.meta.url));

const FIELDS = ["kebab", "camel", "ty", "default", "scope", "description"];

/** A Rust string literal's value (the escapes the table uses are JSON's too). */
function rustString(literal, where) {
  try {
    return JSON.parse(literal.replace(/\\\n\s*/g, ""));
  } catch (error) {
    throw new Error(`settings-table.mjs: cannot read the string ${literal} in ${where}: ${error.message}`);
  }
}

/**
 * The table's rows as { key, toml, type, default, scope, description }, parsed from the
 * Rust source: the `SettingDoc { ... }` entries of `pub static SETTINGS`. Throws on an
 * entry it cannot read (a field that is not a plain literal), never skips one.
 */
export function settingsTable(file = SETTINGS_RS) {
  const source = readFileSync(file, "utf8");
  const start = source.indexOf("pub static SETTINGS: &[SettingDoc] = &[");
  if (start < 0) throw new Error(`settings-table.mjs: no \`pub static SETTINGS\` table in ${file}`);
  const end = source.indexOf("\n];", start);
  const body = source.slice(start, end);
  const entries = body.split(/\bSettingDoc \{/).slice(1);
  if (entries.length === 0) throw new Error(`settings-table.mjs: the SETTINGS table in ${file} has no rows`);
  return entries.map((entry, index) => {
    const where = `${file}, SETTINGS row ${index + 1}`;
    const text = entry.slice(0, entry.lastIndexOf("}"));
    const fields = {};
    const field = /^\s*(\w+):\s*("(?:[^"\\]|\\.)*"|SettingScope::\w+),\s*$/gm;
    let match;
    while ((match = field.exec(text)) !== null) {
      const [, name, value] = match;
      fields[name] = value.startsWith("SettingScope::") ? value.slice("SettingScope::".length) : rustString(value, where);
    }
    const missing = FIELDS.filter((name) => !(name in fields));
    const unknown = Object.keys(fields).filter((name) => !FIELDS.includes(name));
    if (missing.length > 0 || unknown.length > 0) {
      throw new Error(`settings-table.mjs: cannot read ${where} (missing ${missing.join(", ") || "nothing"}, unknown ${unknown.join(", ") || "nothing"}):\n${text}`);
    }
    return {
      key: fields.camel,
      toml: fields.kebab,
      type: fields.ty,
      default: fields.default,
      scope: fields.scope === "Analysis" ? "analysis" : fields.scope === "Files" ? "files" : fields.scope,
      description: fields.description,
    };
  });
}

/** The rows of docs/settings.md: { toml, key, type, default }. */
export function docsTable(markdownPath) {
  const rows = [];
  for (const line of readFileSync(markdownPath, "utf8").split("\n")) {
    if (!line.startsWith("| `")) continue;
    // Cells are separated by " | "; a type such as `"py2" | "py3"` has its bars inside backquotes.
    const cells = [];
    let cell = "";
    let quoted = false;
    for (const char of line.slice(1, line.lastIndexOf("|"))) {
      if (char === "`") quoted = !quoted;
      if (char === "|" && !quoted) {
        cells.push(cell.trim());
        cell = "";
      } else {
        cell += char;
      }
    }
    cells.push(cell.trim());
    const code = (text) => text.replace(/^`|`$/g, "");
    rows.push({ toml: code(cells[0]), key: code(cells[1]), type: code(cells[2]), default: code(cells[3]) });
  }
  return rows;
}

/** The JSON schema of a type in the table's notation; throws on a notation it does not know. */
export function typeSchema(type) {
  const text = type.trim();
  let match;
  if ((match = /^list\[(.+)\]$/.exec(text))) return { type: "array", items: typeSchema(match[1]) };
  if ((match = /^table\[str, (.+)\]$/.exec(text))) return { type: "object", additionalProperties: typeSchema(match[1]) };
  if ((match = /^"py3(\d+)" \.\.\. "py3(\d+)"$/.exec(text))) {
    const versions = [];
    for (let minor = Number(match[1]); minor <= Number(match[2]); minor += 1) versions.push(`py3${minor}`);
    return { type: "string", enum: versions };
  }
  if (/^"[^"]*"( \| "[^"]*")+$/.test(text)) return { type: "string", enum: text.split(" | ").map((item) => JSON.parse(item)) };
  if (/^int( \(.*\))?$/.test(text)) return { type: "integer" };
  if (/^str( \(.*\))?$/.test(text)) return { type: "string" };
  if (text === "bool") return { type: "boolean" };
  throw new Error(`settings-table.mjs: no JSON schema for the type notation \`${type}\`; add it to typeSchema()`);
}

/** The default as JSON: the table writes it as TOML, with an optional explanation in parentheses. */
export function defaultValue(text) {
  const value = text.replace(/\s*\(.*\)$/, "").trim();
  if (value === "none") return null;
  if (value === "{}") return {};
  if (value === "true" || value === "false") return value === "true";
  return JSON.parse(value);
}

/** The contributed configuration entry of a row of the table. */
export function contribution(row) {
  const schema = typeSchema(row.type);
  const value = defaultValue(row.default);
  const type = value === null ? [schema.type, "null"] : schema.type;
  return {
    ...schema,
    type,
    default: value,
    markdownDescription: row.description,
    scope: "resource",
  };
}
