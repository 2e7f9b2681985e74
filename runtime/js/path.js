// path.js: kode:path, POSIX path strings (results equal Node's path.posix).
(function (ops, internal) {
  "use strict";

  // Pure string functions: no ops, and the file system is never consulted.
  // `resolve` (and `relative`, through it) asks `internal.cwd()` for the
  // working directory, and only when no absolute argument settles the result.
  // Where Node's answer is surprising, the code says "Node quirk" and keeps it:
  // the fixtures compare against Node 20's path.posix, case for case.

  const { buildError } = internal;
  const sep = "/";
  const delimiter = ":";

  function received(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    return typeof value;
  }

  function invalid(name, expected, value, operation) {
    const message = `The "${name}" argument must be of type ${expected} (received ${received(value)})`;
    return buildError(TypeError, "EINVALID_ARG", message, { operation: `kode:path.${operation}` });
  }

  function checkString(value, name, operation) {
    if (typeof value !== "string") throw invalid(name, "string", value, operation);
  }

  // --- helpers (arguments already checked) -----------------------------------

  // The segments of `path` with "", "." and "name/.." removed. A ".." with no
  // name left to cancel is kept when `aboveRoot` is true and dropped otherwise.
  function collapse(path, aboveRoot) {
    const kept = [];
    for (const segment of path.split("/")) {
      if (segment === "" || segment === ".") continue;
      if (segment !== "..") kept.push(segment);
      else if (kept.length > 0 && kept[kept.length - 1] !== "..") kept.pop();
      else if (aboveRoot) kept.push("..");
    }
    return kept.join("/");
  }

  function normalizeChecked(path) {
    if (path === "") return ".";
    const absolute = path[0] === "/";
    const trailingSlash = path[path.length - 1] === "/";
    const body = collapse(path, !absolute);
    if (body === "") return absolute ? "/" : trailingSlash ? "./" : ".";
    const withSlash = trailingSlash ? body + "/" : body;
    return absolute ? "/" + withSlash : withSlash;
  }

  // [start, end) of the last name in `path`, trailing slashes ignored;
  // start === end when the path has no name ("", "/", "//").
  function lastName(path) {
    let end = path.length;
    while (end > 0 && path[end - 1] === "/") end--;
    if (end === 0) return [0, 0];
    return [path.lastIndexOf("/", end - 1) + 1, end];
  }

  // Where the extension of the name path[start, end) begins, or -1. It is the
  // last dot, unless that dot opens the name (".bashrc", ".") or the name is "..".
  function extStart(path, start, end) {
    const dot = path.lastIndexOf(".", end - 1);
    if (dot <= start) return -1;
    if (end - start === 2 && path[start] === ".") return -1; // ".."
    return dot;
  }

  // --- the module ----------------------------------------------------------

  function isAbsolute(path) {
    checkString(path, "path", "isAbsolute");
    return path[0] === "/";
  }

  function normalize(path) {
    checkString(path, "path", "normalize");
    return normalizeChecked(path);
  }

  function join(...paths) {
    for (const path of paths) checkString(path, "path", "join");
    return normalizeChecked(paths.filter((path) => path !== "").join("/"));
  }

  // Right to left until a path is absolute, then the working directory if
  // none was. Arguments left of the rightmost absolute one are never looked at
  // (Node does not check their type either).
  function resolve(...paths) {
    let resolved = "";
    for (let i = paths.length - 1; i >= 0 && resolved[0] !== "/"; i--) {
      const path = paths[i];
      checkString(path, `paths[${i}]`, "resolve");
      if (path !== "") resolved = resolved === "" ? path : `${path}/${resolved}`;
    }
    if (resolved[0] !== "/") {
      const cwd = internal.cwd();
      resolved = resolved === "" ? cwd : `${cwd}/${resolved}`;
    }
    const absolute = resolved[0] === "/";
    const body = collapse(resolved, !absolute);
    return absolute ? "/" + body : body || ".";
  }

  function relative(from, to) {
    checkString(from, "from", "relative");
    checkString(to, "to", "relative");
    if (from === to) return "";
    const names = (path) => (path === "/" ? [] : path.slice(1).split("/"));
    const fromNames = names(resolve(from));
    const toNames = names(resolve(to));
    let common = 0;
    while (common < fromNames.length && common < toNames.length && fromNames[common] === toNames[common]) {
      common++;
    }
    const ups = new Array(fromNames.length - common).fill("..");
    return ups.concat(toNames.slice(common)).join("/");
  }

  function dirname(path) {
    checkString(path, "path", "dirname");
    if (path === "") return ".";
    const absolute = path[0] === "/";
    // The first character is never a separator here: a leading "/" is the root.
    let end = path.length;
    while (end > 1 && path[end - 1] === "/") end--;
    const slash = path.lastIndexOf("/", end - 1);
    if (slash < 1) return absolute ? "/" : ".";
    // Node quirk: "//a" has the directory "//", not "/".
    if (slash === 1 && absolute) return "//";
    return path.slice(0, slash);
  }

  function basename(path, suffix) {
    if (suffix !== undefined) checkString(suffix, "suffix", "basename");
    checkString(path, "path", "basename");
    const [start, end] = lastName(path);
    const name = path.slice(start, end);
    if (suffix === undefined || suffix === "" || suffix.length > path.length) return name;
    if (suffix === path) return "";
    if (name.length > suffix.length && name.endsWith(suffix)) return name.slice(0, name.length - suffix.length);
    // Node quirk: a name that is only the tail of the (longer) suffix comes
    // back with its trailing slashes, and a path of slashes comes back whole.
    if (name.length < suffix.length && suffix.endsWith(name)) return path.slice(start);
    return name;
  }

  function extname(path) {
    checkString(path, "path", "extname");
    const [start, end] = lastName(path);
    const dot = extStart(path, start, end);
    return dot === -1 ? "" : path.slice(dot, end);
  }

  function parse(path) {
    checkString(path, "path", "parse");
    const parts = { root: "", dir: "", base: "", ext: "", name: "" };
    if (path === "") return parts;
    const absolute = path[0] === "/";
    if (absolute) parts.root = "/";
    const [start, end] = lastName(path);
    if (start === end) {
      parts.dir = parts.root;
      return parts;
    }
    parts.base = path.slice(start, end);
    // Node quirk: ".." right after the root ("/..") parses as name "." + ext ".".
    const dot = absolute && start === 1 && parts.base === ".." ? 2 : extStart(path, start, end);
    parts.name = dot === -1 ? parts.base : path.slice(start, dot);
    parts.ext = dot === -1 ? "" : path.slice(dot, end);
    // The directory is everything before the slash that precedes the name
    // ("a//b" has "a/"), or the root when that slash is the root itself.
    parts.dir = start > (absolute ? 1 : 0) ? path.slice(0, start - 1) : parts.root;
    return parts;
  }

  function dotted(ext) {
    if (!ext) return "";
    return ext[0] === "." ? `${ext}` : `.${ext}`;
  }

  // Any non-null, non-array object. Fields are used as given: `dir` (else
  // `root`), then `base` (else `name` + `ext`, with a dot added to `ext`).
  function format(pathObject) {
    if (pathObject === null || typeof pathObject !== "object" || Array.isArray(pathObject)) {
      throw invalid("pathObject", "object", pathObject, "format");
    }
    const dir = pathObject.dir || pathObject.root;
    const base = pathObject.base || `${pathObject.name || ""}${dotted(pathObject.ext)}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}/${base}`;
  }

  return { sep, delimiter, join, normalize, dirname, basename, extname, isAbsolute, resolve, relative, parse, format };
})
