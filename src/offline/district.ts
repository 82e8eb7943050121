/**
 * Reading packages on disk for `mentor district`: an .xlsx is unzipped with JSZip (Excel deflates
 * a package it saves again) and its «Данные» sheet read by core (district/package-file.ts).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import JSZip from "jszip";
import { type ReadPackage, readPackageRows } from "../core/district/package";
import { DATA_SHEET, xlsxSheetGrid } from "../core/district/package-file";
import type { PackageSource } from "../core/district/rollup";

/** The package in an .xlsx file's bytes; a file that is no package says why. */
export async function readPackageBytes(bytes: Uint8Array): Promise<ReadPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (_e) {
    return { package: null, checksumOk: false, version: 0, error: "файл не является книгой .xlsx" };
  }
  const parts: Record<string, string> = {};
  for (const [path, entry] of Object.entries(zip.files))
    if (!entry.dir && (path.endsWith(".xml") || path.endsWith(".rels")))
      parts[path] = await entry.async("string");
  const grid = xlsxSheetGrid(parts, DATA_SHEET);
  if (grid === null)
    return { package: null, checksumOk: false, version: 0, error: `в книге нет листа «${DATA_SHEET}»` };
  return readPackageRows(grid);
}

/** The .xlsx files the arguments name: files as given, folders by their .xlsx files (sorted). */
export function packagePaths(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    const path = resolve(a);
    if (statSync(path).isDirectory())
      for (const f of readdirSync(path).sort())
        if (extname(f).toLowerCase() === ".xlsx" && !f.startsWith("~$") && !f.startsWith(".~lock"))
          out.push(join(path, f));
    if (!statSync(path).isDirectory()) out.push(path);
  }
  return out;
}

/** Reads every package file (a few at a time). */
export async function readPackageFiles(paths: string[]): Promise<PackageSource[]> {
  const out: PackageSource[] = [];
  for (const path of paths)
    out.push({ source: basename(path), read: await readPackageBytes(readFileSync(path)) });
  return out;
}
