//! Ops behind `node:os`, `node:tty` and the process facts the Node layer
//! reports (`process.pid`, warnings): what the system says about itself,
//! read with libc and, on Linux, from `/proc` as libuv does.

use std::ffi::CStr;

use crate::error::KodeError;
use crate::ext::args::op;
use crate::v8_util::v8_str;

use super::errno::ERRNO;
use crate::ext::subprocess::signals::SIGNALS;

fn text<'s>(scope: &mut v8::PinScope<'s, '_>, value: &str) -> v8::Local<'s, v8::Value> {
    v8_str(scope, value).into()
}

fn number<'s>(scope: &mut v8::PinScope<'s, '_>, value: f64) -> v8::Local<'s, v8::Value> {
    v8::Number::new(scope, value).into()
}

fn field(raw: &[libc::c_char]) -> String {
    // SAFETY: uname fills each field with a NUL-terminated string.
    unsafe { CStr::from_ptr(raw.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// `uname(2)`: sysname, nodename, release, version, machine.
fn uname() -> [String; 5] {
    // SAFETY: a zeroed utsname is a valid buffer for uname to fill.
    let mut name: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `name` is a live, writable utsname.
    if unsafe { libc::uname(&mut name) } != 0 {
        return Default::default();
    }
    [
        field(&name.sysname),
        field(&name.nodename),
        field(&name.release),
        field(&name.version),
        field(&name.machine),
    ]
}

/// The password database entry of `uid`: name, home directory, shell.
fn passwd(uid: libc::uid_t) -> Option<(String, String, String)> {
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: a zeroed passwd is a valid out-parameter.
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer refers to live memory of the size passed.
    let status = unsafe {
        libc::getpwuid_r(
            uid,
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if status != 0 || found.is_null() {
        return None;
    }
    let read = |ptr: *const libc::c_char| {
        if ptr.is_null() {
            String::new()
        } else {
            // SAFETY: getpwuid_r's strings are NUL-terminated, inside `buffer`.
            unsafe { CStr::from_ptr(ptr) }
                .to_string_lossy()
                .into_owned()
        }
    };
    Some((
        read(entry.pw_name),
        read(entry.pw_dir),
        read(entry.pw_shell),
    ))
}

op! {
    /// `node_os_info()` → `[sysname, hostname, release, version, machine,
    /// pid, ppid, uid, gid, username, passwdHome, shell]`; the passwd fields
    /// are undefined when the user has no entry.
    fn op_node_os_info<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let [sysname, nodename, release, version, machine] = uname();
        // SAFETY: these calls cannot fail.
        let (pid, ppid, uid, gid) =
            unsafe { (libc::getpid(), libc::getppid(), libc::getuid(), libc::getgid()) };
        let mut items = vec![
            text(scope, &sysname),
            text(scope, &nodename),
            text(scope, &release),
            text(scope, &version),
            text(scope, &machine),
            number(scope, f64::from(pid)),
            number(scope, f64::from(ppid)),
            number(scope, f64::from(uid)),
            number(scope, f64::from(gid)),
        ];
        match passwd(uid) {
            Some((name, home, shell)) => {
                items.push(text(scope, &name));
                items.push(text(scope, &home));
                items.push(text(scope, &shell));
            }
            None => {
                let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
                items.extend([undefined; 3]);
            }
        }
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}

/// A `/proc/meminfo` line's value in bytes (`MemTotal:  16318412 kB`).
fn meminfo(key: &str) -> Option<f64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|line| line.starts_with(key))?;
    let kib: f64 = line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024.0)
}

fn sysconf(name: libc::c_int) -> f64 {
    // SAFETY: sysconf only reads its argument.
    let value = unsafe { libc::sysconf(name) };
    if value < 0 {
        0.0
    } else {
        value as f64
    }
}

fn uptime() -> f64 {
    if let Ok(text) = std::fs::read_to_string("/proc/uptime") {
        if let Some(Ok(seconds)) = text.split_whitespace().next().map(str::parse::<f64>) {
            return seconds;
        }
    }
    // SAFETY: a zeroed timespec is a valid out-parameter.
    let mut now: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: `now` is live and writable.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) };
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

op! {
    /// `node_os_stats()` → `[uptime (s), totalmem, freemem (bytes), load1,
    /// load5, load15]`. Free memory is what Linux calls available (libuv's choice).
    fn op_node_os_stats<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let page = sysconf(libc::_SC_PAGESIZE);
        let total = meminfo("MemTotal:").unwrap_or_else(|| sysconf(libc::_SC_PHYS_PAGES) * page);
        let free = meminfo("MemAvailable:").unwrap_or_else(|| sysconf(libc::_SC_AVPHYS_PAGES) * page);
        let mut load = [0f64; 3];
        // SAFETY: `load` holds the 3 doubles asked for.
        if unsafe { libc::getloadavg(load.as_mut_ptr(), 3) } != 3 {
            load = [0.0; 3];
        }
        let items = [uptime(), total, free, load[0], load[1], load[2]].map(|value| number(scope, value));
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}

/// One CPU's times in milliseconds (user, nice, sys, idle, irq) from
/// `/proc/stat`, whose unit is the clock tick.
fn cpu_times() -> Vec<[f64; 5]> {
    let ticks = sysconf(libc::_SC_CLK_TCK).max(1.0);
    let Ok(stat) = std::fs::read_to_string("/proc/stat") else {
        return Vec::new();
    };
    stat.lines()
        .filter(|line| {
            line.starts_with("cpu") && line.as_bytes().get(3).is_some_and(u8::is_ascii_digit)
        })
        .map(|line| {
            let values: Vec<f64> = line
                .split_whitespace()
                .skip(1)
                .map(|v| v.parse::<f64>().unwrap_or(0.0) * 1000.0 / ticks)
                .collect();
            let at = |i: usize| values.get(i).copied().unwrap_or(0.0);
            [at(0), at(1), at(2), at(3), at(5)]
        })
        .collect()
}

/// Each CPU's model name and speed in MHz, from `/proc/cpuinfo`.
fn cpu_models() -> Vec<(String, f64)> {
    let Ok(info) = std::fs::read_to_string("/proc/cpuinfo") else {
        return Vec::new();
    };
    let mut models = Vec::new();
    let (mut model, mut speed) = (None::<String>, 0.0);
    for line in info.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if let Some(name) = model.take() {
                models.push((name, speed));
            }
            speed = 0.0;
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        match key.trim() {
            "model name" | "Processor" | "cpu model" => model = Some(value.trim().to_string()),
            "cpu MHz" => speed = value.trim().parse::<f64>().unwrap_or(0.0).floor(),
            "processor" if model.is_none() => model = Some(String::new()),
            _ => {}
        }
    }
    models
}

op! {
    /// `node_os_cpus()` → one `[model, speed, user, nice, sys, idle, irq]`
    /// per CPU `/proc/stat` lists; empty where there is no `/proc`.
    fn op_node_os_cpus<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let times = cpu_times();
        let models = cpu_models();
        let mut cpus = Vec::with_capacity(times.len());
        for (i, time) in times.iter().enumerate() {
            let (model, speed) = models.get(i).cloned().unwrap_or_default();
            let mut items = vec![text(scope, &model), number(scope, speed)];
            items.extend(time.iter().map(|value| number(scope, value.floor())));
            cpus.push(v8::Array::new_with_elements(scope, &items).into());
        }
        Ok(v8::Array::new_with_elements(scope, &cpus))
    }
}

/// Signal numbers only some platforms have, by name (`os.constants.signals`).
#[cfg(target_os = "linux")]
const PLATFORM_SIGNALS: &[(&str, libc::c_int)] = &[
    ("SIGIOT", libc::SIGIOT),
    ("SIGSTKFLT", libc::SIGSTKFLT),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGPWR", libc::SIGPWR),
];
#[cfg(not(target_os = "linux"))]
const PLATFORM_SIGNALS: &[(&str, libc::c_int)] =
    &[("SIGIOT", libc::SIGIOT), ("SIGINFO", libc::SIGINFO)];

#[cfg(target_os = "linux")]
const DLOPEN: &[(&str, libc::c_int)] = &[
    ("RTLD_LAZY", libc::RTLD_LAZY),
    ("RTLD_NOW", libc::RTLD_NOW),
    ("RTLD_GLOBAL", libc::RTLD_GLOBAL),
    ("RTLD_LOCAL", libc::RTLD_LOCAL),
    ("RTLD_DEEPBIND", libc::RTLD_DEEPBIND),
];
#[cfg(not(target_os = "linux"))]
const DLOPEN: &[(&str, libc::c_int)] = &[
    ("RTLD_LAZY", libc::RTLD_LAZY),
    ("RTLD_NOW", libc::RTLD_NOW),
    ("RTLD_GLOBAL", libc::RTLD_GLOBAL),
    ("RTLD_LOCAL", libc::RTLD_LOCAL),
];

fn table<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    entries: &[(&str, libc::c_int)],
) -> v8::Local<'s, v8::Value> {
    let object = v8::Object::new(scope);
    for (name, value) in entries {
        let key = v8_str(scope, name);
        let value = v8::Integer::new(scope, *value);
        object.set(scope, key.into(), value.into());
    }
    object.into()
}

op! {
    /// `node_os_constants()` → `[errno, signals, dlopen]`: name → number
    /// objects with this platform's values (node:os puts them in Node's order).
    fn op_node_os_constants<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let signals: Vec<(&str, libc::c_int)> = SIGNALS.iter().chain(PLATFORM_SIGNALS).copied().collect();
        let errno = table(scope, ERRNO);
        let signals = table(scope, &signals);
        let dlopen = table(scope, DLOPEN);
        Ok(v8::Array::new_with_elements(scope, &[errno, signals, dlopen]))
    }
}

#[cfg(target_os = "linux")]
fn clear_errno() {
    // SAFETY: errno is this thread's own variable.
    unsafe { *libc::__errno_location() = 0 };
}
#[cfg(not(target_os = "linux"))]
fn clear_errno() {
    // SAFETY: errno is this thread's own variable.
    unsafe { *libc::__error() = 0 };
}

op! {
    /// `node_os_priority(pid, priority)` → `[errno, priority]`: the
    /// scheduling priority of `pid` (0: this process), after setting it to
    /// `priority` unless that is undefined; errno is 0 on success.
    fn op_node_os_priority<'s>(scope, pid: i32, priority: Option<i32>) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let who = pid as libc::id_t;
        // SAFETY: plain system calls on integers; errno is read right after.
        let result = unsafe {
            if let Some(priority) = priority {
                if libc::setpriority(libc::PRIO_PROCESS, who, priority) != 0 {
                    Err(std::io::Error::last_os_error())
                } else {
                    Ok(priority)
                }
            } else {
                clear_errno();
                let value = libc::getpriority(libc::PRIO_PROCESS, who);
                let error = std::io::Error::last_os_error();
                if value == -1 && error.raw_os_error().unwrap_or(0) != 0 {
                    Err(error)
                } else {
                    Ok(value)
                }
            }
        };
        let (errno, value) = match result {
            Ok(value) => (0, value),
            Err(error) => (error.raw_os_error().unwrap_or(libc::EINVAL), 0),
        };
        let items = [
            v8::Integer::new(scope, errno).into(),
            v8::Integer::new(scope, value).into(),
        ];
        Ok(v8::Array::new_with_elements(scope, &items))
    }
}

/// One address of `getifaddrs(3)`: interface name, family (4 or 6),
/// address, netmask, IPv6 scope id, loopback flag.
struct InterfaceAddress {
    name: String,
    family: u8,
    address: std::net::IpAddr,
    netmask: std::net::IpAddr,
    scope_id: u32,
    internal: bool,
}

/// The IP address in a `sockaddr`, with its IPv6 scope id.
///
/// # Safety
/// `addr` is null or points to a sockaddr of its family's full size.
unsafe fn ip_of(addr: *const libc::sockaddr) -> Option<(std::net::IpAddr, u32)> {
    if addr.is_null() {
        return None;
    }
    // SAFETY: the caller vouches for `addr` (see the function's contract).
    unsafe {
        match i32::from((*addr).sa_family) {
            libc::AF_INET => {
                let v4 = &*(addr as *const libc::sockaddr_in);
                let ip = std::net::Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr));
                Some((ip.into(), 0))
            }
            libc::AF_INET6 => {
                let v6 = &*(addr as *const libc::sockaddr_in6);
                let ip = std::net::Ipv6Addr::from(v6.sin6_addr.s6_addr);
                Some((ip.into(), v6.sin6_scope_id))
            }
            _ => None,
        }
    }
}

/// Each interface's hardware address, from its link-layer entry (Linux).
///
/// # Safety
/// `addr` is null or points to a sockaddr of its family's full size.
#[cfg(target_os = "linux")]
unsafe fn mac_of(addr: *const libc::sockaddr) -> Option<[u8; 6]> {
    // SAFETY: the caller vouches for `addr` (see the function's contract).
    unsafe {
        if addr.is_null() || i32::from((*addr).sa_family) != libc::AF_PACKET {
            return None;
        }
        let link = &*(addr as *const libc::sockaddr_ll);
        let mut mac = [0u8; 6];
        mac.copy_from_slice(&link.sll_addr[..6]);
        Some(mac)
    }
}
/// # Safety
/// Nothing is read (no link-layer entries here).
#[cfg(not(target_os = "linux"))]
unsafe fn mac_of(_: *const libc::sockaddr) -> Option<[u8; 6]> {
    None
}

fn interfaces() -> (Vec<InterfaceAddress>, Vec<(String, [u8; 6])>) {
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `list`, freed below with freeifaddrs.
    if unsafe { libc::getifaddrs(&mut list) } != 0 {
        return (Vec::new(), Vec::new());
    }
    let (mut addresses, mut macs) = (Vec::new(), Vec::new());
    let mut entry = list;
    while !entry.is_null() {
        // SAFETY: `entry` walks the list getifaddrs returned, still alive.
        let item = unsafe { &*entry };
        entry = item.ifa_next;
        // SAFETY: ifa_name is a NUL-terminated string inside the list.
        let name = unsafe { CStr::from_ptr(item.ifa_name) }
            .to_string_lossy()
            .into_owned();
        let up = item.ifa_flags & (libc::IFF_UP as libc::c_uint) != 0;
        let running = item.ifa_flags & (libc::IFF_RUNNING as libc::c_uint) != 0;
        if !up || !running {
            continue;
        }
        // SAFETY: the addresses are null or full sockaddrs of their family.
        if let Some(mac) = unsafe { mac_of(item.ifa_addr) } {
            macs.push((name.clone(), mac));
        }
        // SAFETY: as above.
        let Some((address, scope_id)) = (unsafe { ip_of(item.ifa_addr) }) else {
            continue;
        };
        // SAFETY: as above.
        let netmask = unsafe { ip_of(item.ifa_netmask) }.map(|(mask, _)| mask);
        let family = if address.is_ipv4() { 4 } else { 6 };
        let netmask = netmask.unwrap_or(if family == 4 {
            std::net::Ipv4Addr::UNSPECIFIED.into()
        } else {
            std::net::Ipv6Addr::UNSPECIFIED.into()
        });
        let internal = item.ifa_flags & (libc::IFF_LOOPBACK as libc::c_uint) != 0;
        addresses.push(InterfaceAddress {
            name,
            family,
            address,
            netmask,
            scope_id,
            internal,
        });
    }
    // SAFETY: `list` came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(list) };
    (addresses, macs)
}

op! {
    /// `node_os_interfaces()` → one `[name, family (4|6), address, netmask,
    /// mac, internal, scopeid]` per address of an interface that is up.
    fn op_node_os_interfaces<'s>(scope) -> Result<v8::Local<'s, v8::Array>, KodeError> {
        let (addresses, macs) = interfaces();
        let mut rows = Vec::with_capacity(addresses.len());
        for entry in addresses {
            let mac = macs
                .iter()
                .find(|(name, _)| *name == entry.name)
                .map(|(_, mac)| mac.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":"))
                .unwrap_or_else(|| "00:00:00:00:00:00".to_string());
            let items = [
                text(scope, &entry.name),
                number(scope, f64::from(entry.family)),
                text(scope, &entry.address.to_string()),
                text(scope, &entry.netmask.to_string()),
                text(scope, &mac),
                v8::Boolean::new(scope, entry.internal).into(),
                number(scope, f64::from(entry.scope_id)),
            ];
            rows.push(v8::Array::new_with_elements(scope, &items).into());
        }
        Ok(v8::Array::new_with_elements(scope, &rows))
    }
}

op! {
    /// `node_tty_info(fd)` → `undefined` when `fd` is no terminal, else
    /// `[columns, rows]` (0 when the terminal does not say).
    fn op_node_tty_info<'s>(scope, fd: i32) -> Result<v8::Local<'s, v8::Value>, KodeError> {
        // SAFETY: isatty and ioctl(TIOCGWINSZ) only read the descriptor.
        if fd < 0 || unsafe { libc::isatty(fd) } != 1 {
            return Ok(v8::undefined(scope).into());
        }
        // SAFETY: a zeroed winsize is a valid out-parameter for TIOCGWINSZ.
        let mut size: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: `size` is live and writable.
        let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } == 0;
        let (columns, rows) = if ok { (size.ws_col, size.ws_row) } else { (0, 0) };
        let items = [number(scope, f64::from(columns)), number(scope, f64::from(rows))];
        Ok(v8::Array::new_with_elements(scope, &items).into())
    }
}
