// os.js: node:os over the node area's ops (runtime/src/ext/node/os.rs):
// uname, the password database, /proc's memory, load and CPU figures, and
// this platform's errno and signal numbers, getifaddrs for the interfaces.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { argTypeError, outOfRange } = support;

  let info;
  const facts = () => (info ??= ops.node_os_info());
  // The fields of node_os_info(), in order.
  const SYSNAME = 0;
  const HOSTNAME = 1;
  const RELEASE = 2;
  const VERSION = 3;
  const MACHINE = 4;
  const UID = 7;
  const GID = 8;
  const USERNAME = 9;
  const PASSWD_HOME = 10;
  const SHELL = 11;

  // process.arch's names for what uname reports.
  const archNames = { x86_64: "x64", amd64: "x64", aarch64: "arm64", arm64: "arm64", i386: "ia32", i686: "ia32",
    armv7l: "arm", armv6l: "arm", ppc64le: "ppc64", ppc64: "ppc64", s390x: "s390x", riscv64: "riscv64", loongarch64: "loong64", mips: "mips", mipsel: "mipsel" };
  const arch = () => archNames[facts()[MACHINE]] ?? facts()[MACHINE];
  const platform = () => {
    const name = facts()[SYSNAME].toLowerCase();
    return name.startsWith("cygwin") ? "cygwin" : name;
  };
  const env = (name) => internal.Kode.env.get(name);

  function tmpdir() {
    let path = env("TMPDIR") || env("TMP") || env("TEMP") || "/tmp";
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    return path;
  }

  function homedir() {
    return env("HOME") || facts()[PASSWD_HOME] || "";
  }

  const systemError = (syscall, errno) => support.systemError("ERR_SYSTEM_ERROR", "A system error occurred", syscall, errno);

  function userInfo(options) {
    if (typeof options !== "object") options = null;
    const fields = facts();
    if (fields[USERNAME] === undefined) throw systemError("uv_os_get_passwd", -2);
    const user = { __proto__: null, uid: fields[UID], gid: fields[GID], username: fields[USERNAME], homedir: fields[PASSWD_HOME], shell: fields[SHELL] };
    if (options?.encoding === "buffer") {
      const { Buffer } = support.builtin("node:buffer");
      for (const key of ["username", "homedir", "shell"]) user[key] = Buffer.from(user[key]);
    }
    return user;
  }

  function validateInt32(value, name, min = -2147483648, max = 2147483647) {
    if (typeof value !== "number") throw argTypeError(name, "number", value);
    if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }

  function getPriority(pid = 0) {
    validateInt32(pid, "pid");
    const [errno, priority] = ops.node_os_priority(pid, undefined);
    if (errno !== 0) throw systemError("uv_os_getpriority", -errno);
    return priority;
  }

  function setPriority(pid, priority) {
    if (priority === undefined) {
      priority = pid;
      pid = 0;
    }
    validateInt32(pid, "pid");
    validateInt32(priority, "priority", -20, 19);
    const [errno] = ops.node_os_priority(pid, priority);
    if (errno !== 0) throw systemError("uv_os_setpriority", -errno);
  }

  // The prefix length of a netmask, null when its bits are not contiguous.
  function cidrOf(address, netmask, family) {
    let bits = 0;
    if (family === 4) {
      for (const part of netmask.split(".")) bits = bits * 256 + Number(part);
      const ones = bits.toString(2).replace(/0+$/, "");
      if (/0/.test(ones)) return null;
      return `${address}/${bits === 0 ? 0 : ones.length}`;
    }
    const groups = expandIpv6(netmask);
    const binary = groups.map((g) => g.toString(2).padStart(16, "0")).join("");
    const ones = binary.replace(/0+$/, "");
    if (/0/.test(ones)) return null;
    return `${address}/${ones.length}`;
  }
  function expandIpv6(text) {
    const [head, tail = ""] = text.split("::");
    const left = head ? head.split(":") : [];
    const right = text.includes("::") && tail ? tail.split(":") : [];
    const middle = text.includes("::") ? Array(8 - left.length - right.length).fill("0") : [];
    return [...left, ...middle, ...right].map((g) => Number.parseInt(g, 16));
  }

  function networkInterfaces() {
    const result = {};
    for (const [name, family, address, netmask, mac, internal, scopeid] of ops.node_os_interfaces()) {
      const entry = { address, netmask, family: family === 4 ? "IPv4" : "IPv6", mac, internal, cidr: cidrOf(address, netmask, family) };
      if (family === 6) entry.scopeid = scopeid;
      (result[name] ??= []).push(entry);
    }
    return result;
  }

  function cpus() {
    return ops.node_os_cpus().map(([model, speed, user, nice, sys, idle, irq]) => ({
      model, speed, times: { user, nice, sys, idle, irq },
    }));
  }

  // Node's key order, this platform's numbers.
  const errnoOrder = ["E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY", "EBADF", "EBADMSG",
    "EBUSY", "ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLK", "EDESTADDRREQ", "EDOM", "EDQUOT",
    "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH", "EIDRM", "EILSEQ", "EINPROGRESS", "EINTR", "EINVAL", "EIO", "EISCONN", "EISDIR",
    "ELOOP", "EMFILE", "EMLINK", "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE",
    "ENOBUFS", "ENODATA", "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC", "ENOSR",
    "ENOSTR", "ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTSOCK", "ENOTSUP", "ENOTTY", "ENXIO", "EOPNOTSUPP", "EOVERFLOW",
    "EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE", "EROFS", "ESPIPE", "ESRCH", "ESTALE", "ETIME",
    "ETIMEDOUT", "ETXTBSY", "EWOULDBLOCK", "EXDEV"];
  const signalOrder = ["SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGIOT", "SIGBUS", "SIGFPE", "SIGKILL",
    "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGCHLD", "SIGSTKFLT", "SIGCONT", "SIGSTOP", "SIGTSTP",
    "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPOLL", "SIGPWR",
    "SIGSYS", "SIGINFO"];
  function ordered(table, order) {
    const result = {};
    for (const name of order) {
      if (Object.hasOwn(table, name)) result[name] = table[name];
    }
    return result;
  }
  let constantsObject;
  function constants() {
    if (constantsObject === undefined) {
      const [errno, signals, dlopen] = ops.node_os_constants();
      constantsObject = {
        UV_UDP_REUSEADDR: 4,
        dlopen: ordered(dlopen, ["RTLD_LAZY", "RTLD_NOW", "RTLD_GLOBAL", "RTLD_LOCAL", "RTLD_DEEPBIND"]),
        errno: ordered(errno, errnoOrder),
        signals: ordered(signals, signalOrder),
        priority: {
          PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7,
          PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20,
        },
      };
    }
    return constantsObject;
  }

  const os = {
    arch,
    availableParallelism: () => ops.web_navigator()[1],
    cpus,
    endianness: () => (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? "LE" : "BE"),
    freemem: () => ops.node_os_stats()[2],
    getPriority,
    homedir,
    hostname: () => facts()[HOSTNAME],
    loadavg: () => ops.node_os_stats().slice(3, 6),
    networkInterfaces,
    platform,
    release: () => facts()[RELEASE],
    setPriority,
    tmpdir,
    totalmem: () => ops.node_os_stats()[1],
    type: () => facts()[SYSNAME],
    userInfo,
    uptime: () => ops.node_os_stats()[0],
    version: () => facts()[VERSION],
    machine: () => facts()[MACHINE],
  };
  Object.defineProperty(os, "constants", { get: constants, set(value) {
    Object.defineProperty(os, "constants", { value, writable: true, enumerable: true, configurable: true });
  }, enumerable: true, configurable: true });
  os.EOL = "\n";
  os.devNull = "/dev/null";
  return os;
})
