/**
 * node:path in the page: file names only. The page has no file system; the offline adapters it
 * reuses take names for messages and zip paths (posix.join, posix.normalize inside an .xlsx).
 */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return (path.startsWith("/") ? "/" : "") + out.join("/");
}

function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== "").join("/"));
}

function basename(path: string, ext?: string): string {
  const name =
    path
      .replace(/[\\/]+$/, "")
      .split(/[\\/]/)
      .pop() ?? "";
  return ext && name.endsWith(ext) ? name.slice(0, -ext.length) : name;
}

function dirname(path: string): string {
  const at = path.replace(/[\\/]+$/, "").search(/[\\/][^\\/]*$/);
  return at <= 0 ? "." : path.slice(0, at);
}

function extname(path: string): string {
  const m = /\.[^./\\]*$/.exec(basename(path));
  return m ? m[0] : "";
}

/** In the page a name stays as it is: there is no current directory to resolve against. */
function resolve(...parts: string[]): string {
  return parts.length ? parts[parts.length - 1] : "";
}

function relative(_from: string, to: string): string {
  return to;
}

export const sep = "/";
export const posix = { normalize, join, basename, dirname, extname, resolve, relative, sep };
export { basename, dirname, extname, join, normalize, relative, resolve };
export default posix;
