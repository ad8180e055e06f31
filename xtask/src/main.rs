//! `cargo xtask`: the commands the README documents.
//!
//! - `cargo xtask setup`: install what the tests need (wasm32 target, wasm-bindgen CLI at the
//!   pinned version, Chromium + ChromeDriver, npm packages), skipping what is already there.
//! - `cargo xtask test`: `setup`, then every test step in order, stopping at the first failure.
//! - `cargo xtask bench`: the examples, then the benchmark page (benches/run.mjs).
//!
//! std only, so that it builds in seconds on a fresh machine.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{self, Command};
use std::time::{Duration, Instant, SystemTime};

type Result<T> = std::result::Result<T, String>;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Directories that may carry a `package.json` whose dependencies the tests or benches need.
const NPM_DIRS: &[&str] = &["js-runtime", "benches", "examples/vite-app"];
/// The crate holding the end-to-end wasm-bindgen-test suite.
const E2E_PACKAGE: &str = "slotwire-e2e";
/// Written into `node_modules` after a successful install; a lockfile newer than it means the
/// install is stale.
const NPM_STAMP: &str = ".xtask-installed";

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  setup                 install what the tests need, skipping what is already there:
                        the wasm32-unknown-unknown target, wasm-bindgen-cli at the version
                        pinned in Cargo.toml, chromium + chromium-driver (apt), npm packages
  test [options]        run setup, then every test step; stops at the first failure
  bench [--quick] [--node]
                        the main job: builds and runs every examples/*/ that has a
                        run.mjs, then the benchmark page headless (benches/run.mjs)
  help                  print this text

run `cargo xtask test --help` or `cargo xtask bench --help` for their options.
";

const TEST_USAGE: &str = "\
usage: cargo xtask test [--only <step>[,<step>...]] [--skip-setup]

Runs `cargo xtask setup`, then these steps in order, stopping at the first failure:
  fmt          cargo fmt --all -- --check
  clippy       cargo clippy --workspace --all-targets -- -D warnings, and for wasm32
  native       cargo test --workspace
  package      cargo publish --dry-run -p slotwire-macros -p slotwire -p slotwire-json (packaged
               and built as crates.io would, the JS included)
  guide        mdbook build guide (into target/guide)
  node         node --test --expose-gc js-runtime/test/*.test.js
  new-app      the app of guide/src/getting-started.md, made from the guide's own blocks in a
               temporary directory (the crate as a path dependency, the npm package from
               `npm pack js-runtime`): `node hello.js`, the page in headless Chromium, the
               page built by Vite, `tsc` on the typed usage file and the .d.ts files
  e2e-node     cargo test -p slotwire-e2e --target wasm32-unknown-unknown   (in Node)
  e2e-browser  the same, in headless Chromium (driver: tests/run-browser.mjs)
  bench        cargo xtask bench --quick   (the example / benchmark smoke test)

options:
  --only <step>   run only the named step(s); may be repeated or comma-separated
  --skip-setup    do not run setup first
  -h, --help      print this text
";

const BENCH_USAGE: &str = "\
usage: cargo xtask bench [--quick] [--node]

Builds every examples/*/ that has a Cargo.toml and a run.mjs for wasm32 in release, runs
wasm-bindgen --target web on it, then
`node examples/<name>/run.mjs target/examples/<name>/pkg [--quick] [--node]`.
Then the benchmark page: builds benches/raw-floor (plain .wasm, no glue) and benches/wasm
(through wasm-bindgen --target web) for wasm32 in release into target/bench/pkg, and runs its
headless driver, `node benches/run.mjs [--quick] [--node]`: it prints the table and writes
target/bench/results.json, report.html and chart.png (results.json only with --node).

options:
  --quick     few iterations (the CI smoke test); no timing claims
  --node      run the benchmarks in Node instead of headless Chromium
  -h, --help  print this text
";

fn main() {
    let mut args = env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();

    let root = repo_root();
    if let Err(e) = env::set_current_dir(&root) {
        eprintln!("xtask: cannot cd to {}: {e}", root.display());
        process::exit(1);
    }
    put_cargo_bin_on_path();

    let result = match command.as_deref() {
        Some("setup") => parse_no_options(&rest, "setup").and_then(|()| setup()),
        Some("test") => match TestOptions::parse(&rest) {
            Ok(Some(opts)) => test(&root, &opts),
            Ok(None) => {
                print!("{TEST_USAGE}");
                Ok(())
            }
            Err(e) => usage_error(&e, TEST_USAGE),
        },
        Some("bench") => match BenchOptions::parse(&rest) {
            Ok(Some(opts)) => bench(&root, &opts),
            Ok(None) => {
                print!("{BENCH_USAGE}");
                Ok(())
            }
            Err(e) => usage_error(&e, BENCH_USAGE),
        },
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => usage_error(&format!("unknown command `{other}`"), USAGE),
        None => usage_error("no command given", USAGE),
    };

    if let Err(e) = result {
        eprintln!("xtask: error: {e}");
        process::exit(1);
    }
}

fn usage_error(message: &str, usage: &str) -> ! {
    eprintln!("xtask: {message}\n");
    eprint!("{usage}");
    process::exit(2);
}

fn parse_no_options(rest: &[String], command: &str) -> Result<()> {
    match rest.first().map(String::as_str) {
        None => Ok(()),
        Some("-h" | "--help") => {
            print!("{USAGE}");
            process::exit(0);
        }
        Some(other) => usage_error(&format!("`{command}` takes no argument `{other}`"), USAGE),
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The crates the `package` step packages (`cargo publish --dry-run -p ...`).
const PUBLISHED_CRATES: [&str; 3] = ["slotwire-macros", "slotwire", "slotwire-json"];

/// `$CARGO_HOME` (default `~/.cargo`).
fn cargo_home() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
}

/// Whether `file` (a directory or `.crate` name in cargo's registry) is crate `name` at some
/// version: `name-<digit>...` (so `slotwire` does not match `slotwire-macros-0.1.0`).
fn is_unpacked_crate(file: &str, name: &str) -> bool {
    file.strip_prefix(name)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

/// `cargo publish --dry-run` of several crates verifies each against the others as packaged,
/// unpacking them into `$CARGO_HOME/registry/src/<registry>/<name>-<version>` — and cargo never
/// unpacks again where that directory already exists. On a machine that ran this step for an
/// earlier commit, the verify build would compile that commit's sources of our own crates (seen
/// in CI: a `slotwire` verified against an older `slotwire-macros`). So the unpacked copies and
/// cached `.crate` files of our crates go first. (None of them is on crates.io: no download is
/// ever wasted by this.)
fn forget_unpacked_own_crates(names: &[&str]) -> Result<()> {
    let Some(home) = cargo_home() else {
        return Ok(());
    };
    for kind in ["src", "cache"] {
        let Ok(registries) = fs::read_dir(home.join("registry").join(kind)) else {
            continue;
        };
        for registry in registries.flatten() {
            let Ok(entries) = fs::read_dir(registry.path()) else {
                continue;
            };
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if !names.iter().any(|n| is_unpacked_crate(&file, n)) {
                    continue;
                }
                let path = entry.path();
                println!("package: removing {} (from an earlier run)", path.display());
                let removed = if path.is_dir() {
                    fs::remove_dir_all(&path)
                } else {
                    fs::remove_file(&path)
                };
                removed.map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// `cargo install` puts binaries in `$CARGO_HOME/bin` (default `~/.cargo/bin`); a fresh shell in
/// CI may not have it on PATH. Prepend it for everything this process spawns.
fn put_cargo_bin_on_path() {
    let Some(bin) = cargo_home().map(|h| h.join("bin")) else {
        return;
    };
    let current = env::var_os("PATH").unwrap_or_default();
    let mut paths: Vec<PathBuf> = env::split_paths(&current).collect();
    if paths.first() == Some(&bin) {
        return;
    }
    paths.retain(|p| p != &bin);
    paths.insert(0, bin);
    if let Ok(joined) = env::join_paths(paths) {
        // Single-threaded at this point: nothing else reads the environment concurrently.
        env::set_var("PATH", joined);
    }
}

// ---------------------------------------------------------------------------------------------
// Running commands
// ---------------------------------------------------------------------------------------------

/// A command to run, with the environment additions shown when it is echoed.
struct Cmd {
    program: String,
    args: Vec<String>,
    envs: Vec<(String, String)>,
    env_removes: Vec<String>,
    /// The working directory, when not the repository root.
    dir: Option<PathBuf>,
}

impl Cmd {
    fn new(program: &str) -> Self {
        Cmd {
            program: program.to_string(),
            args: Vec::new(),
            envs: Vec::new(),
            env_removes: Vec::new(),
            dir: None,
        }
    }

    /// Runs in `dir` instead of the repository root.
    fn dir(mut self, dir: &Path) -> Self {
        self.dir = Some(dir.to_path_buf());
        self
    }

    fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    fn env(mut self, key: &str, value: impl Into<String>) -> Self {
        self.envs.push((key.to_string(), value.into()));
        self
    }

    fn env_remove(mut self, key: &str) -> Self {
        self.env_removes.push(key.to_string());
        self
    }

    fn display(&self) -> String {
        let mut s = String::new();
        if let Some(dir) = &self.dir {
            let _ = write!(s, "(in {}) ", dir.display());
        }
        for (k, v) in &self.envs {
            let _ = write!(s, "{k}={} ", shell_quote(v));
        }
        s.push_str(&self.program);
        for a in &self.args {
            s.push(' ');
            s.push_str(&shell_quote(a));
        }
        s
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        if let Some(dir) = &self.dir {
            c.current_dir(dir);
        }
        for k in &self.env_removes {
            c.env_remove(k);
        }
        for (k, v) in &self.envs {
            c.env(k, v);
        }
        c
    }

    /// Echo, run with inherited stdio, fail on a non-zero exit.
    fn run(&self) -> Result<()> {
        println!("$ {}", self.display());
        let status = self
            .command()
            .status()
            .map_err(|e| format!("cannot run `{}`: {e}", self.program))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.display()))
        }
    }

    /// Like `run`, in a process group of its own, killed with its children after `limit`.
    /// `Ok(false)` means it timed out.
    fn run_with_timeout(&self, limit: std::time::Duration) -> Result<bool> {
        use std::os::unix::process::CommandExt;
        println!("$ {}   (time limit {}s)", self.display(), limit.as_secs());
        let mut child = self
            .command()
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot run `{}`: {e}", self.program))?;
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                return if status.success() {
                    Ok(true)
                } else {
                    Err(format!("`{}` failed ({status})", self.display()))
                };
            }
            if start.elapsed() > limit {
                // The whole group: cargo and what it runs (test runner, browser driver).
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .status();
                let _ = child.wait();
                return Ok(false);
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }

    /// Echo, run with stderr inherited, fail on a non-zero exit; returns stdout (also echoed).
    fn stdout(&self) -> Result<String> {
        println!("$ {}", self.display());
        let out = self
            .command()
            .stderr(process::Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run `{}`: {e}", self.program))?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        print!("{text}");
        if out.status.success() {
            Ok(text)
        } else {
            Err(format!("`{}` failed ({})", self.display(), out.status))
        }
    }

    /// Run quietly and return stdout, or `None` if it cannot start or exits non-zero.
    fn output(&self) -> Option<String> {
        let out = self
            .command()
            .stderr(process::Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The first `name` found in PATH.
fn which(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn cargo() -> Cmd {
    Cmd::new("cargo")
}

// ---------------------------------------------------------------------------------------------
// setup
// ---------------------------------------------------------------------------------------------

fn setup() -> Result<()> {
    println!("==> setup");
    setup_wasm_target()?;
    setup_wasm_bindgen()?;
    setup_chromium()?;
    setup_cargo_tool("wasm-pack")?;
    setup_cargo_tool("mdbook")?;
    setup_npm()?;
    Ok(())
}

fn setup_wasm_target() -> Result<()> {
    if which("rustup").is_none() {
        // No rustup: the target is there only if the sysroot already has it.
        let sysroot = Cmd::new("rustc")
            .args(["--print", "sysroot"])
            .output()
            .ok_or("rustc not found")?;
        let lib = Path::new(sysroot.trim())
            .join("lib/rustlib")
            .join(WASM_TARGET);
        return if lib.is_dir() {
            println!("wasm32 target: present");
            Ok(())
        } else {
            Err(format!(
                "the {WASM_TARGET} target is missing and rustup is not available to add it"
            ))
        };
    }
    let installed = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("wasm32 target: present");
        Ok(())
    } else {
        println!("wasm32 target: installing {WASM_TARGET}");
        Cmd::new("rustup")
            .args(["target", "add", WASM_TARGET])
            .run()
    }
}

/// The exact version in the root Cargo.toml's `wasm-bindgen = "=X.Y.Z"` (or
/// `wasm-bindgen = { version = "=X.Y.Z", ... }`) line.
/// The wasm-bindgen version this workspace builds with: Cargo.lock's (the library asks for a
/// caret range; the CLI must be exactly what the lock resolved), else the version in the root
/// Cargo.toml's requirement.
fn pinned_wasm_bindgen_version() -> Result<String> {
    if let Ok(lock) = fs::read_to_string("Cargo.lock") {
        if let Some(v) = locked_version(&lock, "wasm-bindgen") {
            return Ok(v);
        }
    }
    let manifest = fs::read_to_string("Cargo.toml").map_err(|e| format!("Cargo.toml: {e}"))?;
    parse_pinned_version(&manifest, "wasm-bindgen").ok_or_else(|| {
        "neither Cargo.lock nor Cargo.toml ([workspace.dependencies]) names a wasm-bindgen version"
            .to_string()
    })
}

/// The version of package `name` in a Cargo.lock (the first one listed, if several).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let want = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == want {
            let v = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(v[..v.find('"')?].to_string());
        }
    }
    None
}

fn parse_pinned_version(manifest: &str, dep: &str) -> Option<String> {
    for line in manifest.lines() {
        let line = line.trim();
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() != dep {
            continue;
        }
        let value = value.trim();
        // Plain string form, or the `version = "..."` entry of an inline table.
        let quoted = if value.starts_with('{') {
            let after = value.split_once("version")?.1;
            after.trim_start().strip_prefix('=')?.trim_start()
        } else {
            value
        };
        let inner = quoted.strip_prefix('"')?;
        let version = &inner[..inner.find('"')?];
        let version = version.trim().trim_start_matches('=').trim();
        if !version.is_empty() {
            return Some(version.to_string());
        }
    }
    None
}

/// `wasm-bindgen 0.2.130` -> `0.2.130`.
fn tool_version(program: &str) -> Option<String> {
    let out = Cmd::new(program).arg("--version").output()?;
    out.split_whitespace().nth(1).map(str::to_string)
}

fn setup_wasm_bindgen() -> Result<()> {
    let want = pinned_wasm_bindgen_version()?;
    let have = tool_version("wasm-bindgen");
    let runner = tool_version("wasm-bindgen-test-runner");
    if have.as_deref() == Some(want.as_str()) && runner.as_deref() == Some(want.as_str()) {
        println!("wasm-bindgen-cli {want}: present");
        return Ok(());
    }
    let found = match (&have, &runner) {
        (None, _) => "not found".to_string(),
        (Some(v), None) => format!("wasm-bindgen {v} found, wasm-bindgen-test-runner not found"),
        (Some(v), Some(r)) => format!("found wasm-bindgen {v}, wasm-bindgen-test-runner {r}"),
    };
    println!("wasm-bindgen-cli {want}: installing ({found}; takes a few minutes)");
    // No --locked: one of the CLI's locked dependencies is not on the registry.
    cargo()
        .args(["install", "wasm-bindgen-cli", "--version", &want, "--force"])
        .run()?;
    match tool_version("wasm-bindgen") {
        Some(v) if v == want => Ok(()),
        other => Err(format!(
            "after installing, `wasm-bindgen --version` reports {other:?}, not {want}: \
             is another wasm-bindgen earlier on PATH?"
        )),
    }
}

/// A tool `cargo install <name>` provides (its binary has the same name), unless it is on PATH:
/// wasm-pack (the wasm-pack builds `cargo xtask bench` checks; it runs the wasm-bindgen CLI
/// installed above, `--mode no-install`) and mdbook (the `guide` step).
fn setup_cargo_tool(name: &str) -> Result<()> {
    if which(name).is_some() {
        println!("{name}: present");
        return Ok(());
    }
    println!("{name}: installing (cargo install {name}; takes a few minutes)");
    cargo().args(["install", name]).run()?;
    Ok(())
}

fn is_root() -> bool {
    Cmd::new("id")
        .arg("-u")
        .output()
        .map(|uid| uid.trim() == "0")
        .unwrap_or(false)
}

/// `apt-get <args>`, through `sudo` when not root and sudo exists.
fn apt_get(args: &[&str]) -> Cmd {
    let base = if !is_root() && which("sudo").is_some() {
        let mut c = Cmd::new("sudo");
        if !std::io::stdin().is_terminal() {
            // No one to type a password: fail instead of hanging.
            c = c.arg("-n");
        }
        c.args(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"])
    } else {
        Cmd::new("apt-get").env("DEBIAN_FRONTEND", "noninteractive")
    };
    base.args(args.iter().copied())
}

fn setup_chromium() -> Result<()> {
    let chromium = Path::new(CHROMIUM).exists();
    let driver = Path::new(CHROMEDRIVER).exists();
    if chromium && driver {
        println!("chromium + chromedriver: present");
        return Ok(());
    }
    let missing: Vec<&str> = [(chromium, CHROMIUM), (driver, CHROMEDRIVER)]
        .iter()
        .filter(|(present, _)| !present)
        .map(|(_, path)| *path)
        .collect();
    println!(
        "chromium + chromedriver: installing chromium chromium-driver with apt-get ({} missing)",
        missing.join(", ")
    );
    if which("apt-get").is_none() {
        return Err(format!(
            "{} missing and apt-get is not available: install Chromium and ChromeDriver \
             so that they are at {CHROMIUM} and {CHROMEDRIVER}",
            missing.join(", ")
        ));
    }
    apt_get(&["update"]).run()?;
    apt_get(&["install", "-y", "chromium", "chromium-driver"]).run()?;
    for path in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(path).exists() {
            return Err(format!("{path} still missing after apt-get install"));
        }
    }
    Ok(())
}

fn mtime(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Why `dir` needs an npm install, or `None` when its node_modules is up to date.
fn npm_install_reason(dir: &Path) -> Option<&'static str> {
    let modules = dir.join("node_modules");
    if !modules.is_dir() {
        return Some("no node_modules");
    }
    // The stamp we write after installing; without it (installed by hand), the directory itself.
    let installed = mtime(&modules.join(NPM_STAMP)).or_else(|| mtime(&modules))?;
    for (file, reason) in [
        (
            "package-lock.json",
            "package-lock.json is newer than node_modules",
        ),
        ("package.json", "package.json is newer than node_modules"),
    ] {
        if mtime(&dir.join(file)).is_some_and(|t| t > installed) {
            return Some(reason);
        }
    }
    None
}

fn setup_npm() -> Result<()> {
    for name in NPM_DIRS {
        let dir = Path::new(name);
        if !dir.join("package.json").is_file() {
            continue;
        }
        let Some(reason) = npm_install_reason(dir) else {
            println!("npm packages in {name}/: present");
            continue;
        };
        let has_lock = dir.join("package-lock.json").is_file();
        let verb = if has_lock { "ci" } else { "install" };
        println!("npm packages in {name}/: installing with `npm {verb}` ({reason})");
        Cmd::new("npm")
            .args(["--prefix", name, verb, "--no-audit", "--no-fund"])
            .run()?;
        // A package.json without dependencies installs nothing and makes no node_modules.
        fs::create_dir_all(dir.join("node_modules"))
            .map_err(|e| format!("{}/node_modules: {e}", dir.display()))?;
        let stamp = dir.join("node_modules").join(NPM_STAMP);
        fs::write(&stamp, "written by cargo xtask setup after npm install\n")
            .map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// test
// ---------------------------------------------------------------------------------------------

const STEPS: &[&str] = &[
    "fmt",
    "clippy",
    "native",
    "package",
    "guide",
    "node",
    "new-app",
    "e2e-node",
    "e2e-browser",
    "bench",
];

struct TestOptions {
    only: Vec<String>,
    skip_setup: bool,
}

impl TestOptions {
    /// `Ok(None)` means `--help`.
    fn parse(args: &[String]) -> Result<Option<Self>> {
        let mut opts = TestOptions {
            only: Vec::new(),
            skip_setup: false,
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let value = match arg.as_str() {
                "-h" | "--help" => return Ok(None),
                "--skip-setup" => {
                    opts.skip_setup = true;
                    continue;
                }
                "--only" => it.next().ok_or("--only needs a step name")?.clone(),
                other => match other.strip_prefix("--only=") {
                    Some(v) => v.to_string(),
                    None => return Err(format!("unknown argument `{other}`")),
                },
            };
            for step in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !STEPS.contains(&step) {
                    return Err(format!(
                        "unknown step `{step}` (steps: {})",
                        STEPS.join(", ")
                    ));
                }
                opts.only.push(step.to_string());
            }
        }
        Ok(Some(opts))
    }

    fn wants(&self, step: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == step)
    }
}

enum Outcome {
    Passed(Duration),
    Skipped(String),
    Failed(Duration, String),
    NotRun,
}

fn test(root: &Path, opts: &TestOptions) -> Result<()> {
    let started = Instant::now();
    if !opts.skip_setup {
        setup()?;
    }

    let selected: Vec<&str> = STEPS.iter().copied().filter(|s| opts.wants(s)).collect();
    let mut outcomes: Vec<(&str, Outcome)> =
        selected.iter().map(|s| (*s, Outcome::NotRun)).collect();

    for (i, step) in selected.iter().enumerate() {
        println!();
        println!(
            "==> [{}/{}] {step}: {}",
            i + 1,
            selected.len(),
            step_description(step)
        );
        let t = Instant::now();
        let outcome = match run_step(root, step) {
            Ok(StepResult::Ran) => Outcome::Passed(t.elapsed()),
            Ok(StepResult::Skipped(why)) => {
                println!("skipped: {why}");
                Outcome::Skipped(why)
            }
            Err(e) => Outcome::Failed(t.elapsed(), e),
        };
        let failed = matches!(outcome, Outcome::Failed(..));
        outcomes[i].1 = outcome;
        if failed {
            break;
        }
    }

    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    println!();
    println!(
        "==> summary ({:.1}s in all)",
        started.elapsed().as_secs_f64()
    );
    for (step, outcome) in &outcomes {
        let line = match outcome {
            Outcome::Passed(d) => {
                passed += 1;
                format!("ok ({:.1}s)", d.as_secs_f64())
            }
            Outcome::Skipped(why) => {
                skipped += 1;
                format!("skipped: {why}")
            }
            Outcome::Failed(d, e) => {
                failed += 1;
                format!("FAILED ({:.1}s): {e}", d.as_secs_f64())
            }
            Outcome::NotRun => "not run (an earlier step failed)".to_string(),
        };
        println!("  {step:<12} {line}");
    }
    println!("steps: {passed} passed, {failed} failed, {skipped} skipped");
    if failed > 0 {
        Err("a test step failed".to_string())
    } else {
        Ok(())
    }
}

fn step_description(step: &str) -> &'static str {
    match step {
        "fmt" => "formatting",
        "clippy" => "lints, warnings are errors",
        "native" => "native cargo tests: unit tests, doctests, integration tests",
        "package" => "the published crates package and build (cargo publish --dry-run)",
        "guide" => "the user guide builds (mdbook build guide)",
        "node" => "JS runtime unit tests (node --test)",
        "new-app" => {
            "the guide's getting-started app, built outside the repository: Node, plain page, \
             Vite, tsc"
        }
        "e2e-node" => "end-to-end wasm tests in Node",
        "e2e-browser" => "end-to-end wasm tests in headless Chromium",
        "bench" => "examples / benchmark smoke test (cargo xtask bench --quick)",
        _ => "",
    }
}

enum StepResult {
    Ran,
    Skipped(String),
}

fn run_step(root: &Path, step: &str) -> Result<StepResult> {
    match step {
        "fmt" => cargo().args(["fmt", "--all", "--", "--check"]).run()?,
        "clippy" => {
            cargo()
                .args([
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])
                .run()?;
            // The wasm32-only code (transport, runtime attach, end-to-end tests) too.
            cargo()
                .args([
                    "clippy",
                    "-p",
                    "slotwire",
                    "-p",
                    "slotwire-e2e",
                    "-p",
                    "hello",
                    "-p",
                    "interop",
                    "-p",
                    "particles",
                    "-p",
                    "table",
                    "-p",
                    BENCH_FLOOR_PACKAGE,
                    "-p",
                    BENCH_WASM_PACKAGE,
                    "--target",
                    "wasm32-unknown-unknown",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])
                .run()?
        }
        "native" => cargo().args(["test", "--workspace"]).run()?,
        "guide" => Cmd::new("mdbook").args(["build", "guide"]).run()?,
        // --allow-dirty: earlier steps may leave untracked files (node_modules) behind.
        "package" => {
            forget_unpacked_own_crates(&PUBLISHED_CRATES)?;
            cargo()
                .args(["publish", "--dry-run", "--allow-dirty"])
                .args(PUBLISHED_CRATES.iter().flat_map(|c| ["-p", c]))
                .run()?
        }
        "node" => {
            let files = js_test_files(Path::new("js-runtime/test"))?;
            if files.is_empty() {
                return Ok(StepResult::Skipped(
                    "no js-runtime/test/*.test.js files".to_string(),
                ));
            }
            // Files are passed explicitly: `node --test <dir>` means different things across
            // Node versions.
            Cmd::new("node")
                .args(["--test", "--expose-gc"])
                .args(files)
                .run()?
        }
        "new-app" => new_app(root)?,
        "e2e-node" => e2e(root, false).run()?,
        "e2e-browser" => e2e_browser(root)?,
        "bench" => {
            let opts = BenchOptions {
                quick: true,
                node: false,
            };
            bench(root, &opts)?
        }
        other => unreachable!("unknown step {other}"),
    }
    Ok(StepResult::Ran)
}

/// `js-runtime/test/*.test.js`, sorted, as paths relative to the repo root.
fn js_test_files(dir: &Path) -> Result<Vec<String>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".test.js") && entry.path().is_file() {
            files.push(dir.join(name).to_string_lossy().into_owned());
        }
    }
    files.sort();
    Ok(files)
}

/// Environment variables that pick wasm-bindgen-test-runner's mode; only one may be set.
const RUNNER_MODE_VARS: &[&str] = &[
    "WASM_BINDGEN_USE_BROWSER",
    "WASM_BINDGEN_USE_NODE_EXPERIMENTAL",
    "WASM_BINDGEN_USE_DENO",
    "WASM_BINDGEN_USE_DEDICATED_WORKER",
    "WASM_BINDGEN_USE_SHARED_WORKER",
    "WASM_BINDGEN_USE_SERVICE_WORKER",
    "WASM_BINDGEN_USE_EMSCRIPTEN",
    "NO_HEADLESS",
];

/// `cargo test -p slotwire-e2e --target wasm32-unknown-unknown`, every test binary, in Node
/// (through wasm-bindgen-test-runner) or in headless Chromium (through `tests/run-browser.mjs`).
fn e2e(root: &Path, browser: bool) -> Cmd {
    let mut c = cargo();
    for var in RUNNER_MODE_VARS {
        c = c.env_remove(var);
    }
    let runner = if browser {
        // Our own driver (see the file): it starts wasm-bindgen-test-runner in its interactive
        // mode, puts a proxy in front of the runner's HTTP server (whose thread pool can leave a
        // connection unread behind Chromium's idle ones: the page load hung) and drives headless
        // Chromium with playwright-core. A binary that does not finish in time fails.
        format!(
            "node {}",
            root.join("tests").join(BROWSER_DRIVER).to_string_lossy()
        )
    } else {
        // wasm-bindgen-test-runner behind a check of its output (see the file): a binary whose
        // runner exits 0 without `test result: ok` (a test awaited a promise that never
        // settled: Node's event loop emptied mid-run) fails instead of passing.
        format!(
            "node {}",
            root.join("tests").join(NODE_DRIVER).to_string_lossy()
        )
    };
    c.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .args(["test", "-p", E2E_PACKAGE, "--target", WASM_TARGET])
}

/// The headless-Chromium driver in `tests/`, cargo's runner for the e2e-browser step.
const BROWSER_DRIVER: &str = "run-browser.mjs";

/// The Node driver in `tests/`, cargo's runner for the e2e-node step.
const NODE_DRIVER: &str = "run-node.mjs";

/// The end-to-end suite in headless Chromium: every test binary (`--no-fail-fast`), each through
/// `tests/run-browser.mjs`. No retries: a binary that does not finish within its time limit is a
/// failure.
fn e2e_browser(root: &Path) -> Result<()> {
    let playwright = root.join("benches/node_modules/playwright-core");
    if !playwright.is_dir() {
        return Err(format!(
            "{} is missing: the e2e-browser step drives Chromium with it \
             (run `cargo xtask setup`, or `npm ci --prefix benches`)",
            playwright.display()
        ));
    }
    // Build first, so that the time limit below is only the tests'.
    e2e(root, true).arg("--no-run").run()?;
    // Each binary has its own limits in the driver; this one only guards against a hung driver.
    let limit = Duration::from_secs(30 * 60);
    if e2e(root, true)
        .arg("--no-fail-fast")
        .run_with_timeout(limit)?
    {
        Ok(())
    } else {
        Err(format!(
            "the end-to-end tests in Chromium did not finish within {}s",
            limit.as_secs()
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// new-app: the guide's getting-started app, as a new user makes it
// ---------------------------------------------------------------------------------------------

/// The guide page whose app the `new-app` step builds.
const NEW_APP_GUIDE: &str = "guide/src/getting-started.md";

/// Every command the getting-started page tells the user to run (the lines of its `sh` blocks),
/// and what the `new-app` step does for it. The step fails when the page and this list differ,
/// so neither can change without the other. `{wasm-bindgen}` is the version in Cargo.lock.
const NEW_APP_COMMANDS: &[(&str, &str)] = &[
    (
        "rustup target add wasm32-unknown-unknown",
        "setup's: the build below needs it",
    ),
    (
        "cargo install wasm-bindgen-cli --version {wasm-bindgen}",
        "setup's; the version must be Cargo.lock's",
    ),
    (
        "cargo new --lib app",
        "the guide's Cargo.toml and src/lib.rs are written instead",
    ),
    ("cd app", "every command runs in the app's directory"),
    (
        "cargo build --release --target wasm32-unknown-unknown",
        "run as is (CARGO_TARGET_DIR=target/new-app)",
    ),
    (
        "wasm-bindgen --target web --out-dir pkg target/wasm32-unknown-unknown/release/app.wasm",
        "run as is, on the .wasm in target/new-app",
    ),
    (
        "npm install slotwire@0.1",
        "npm install of `npm pack js-runtime` (this repository's package)",
    ),
    ("npm pkg set type=module", "run as is"),
    (
        "python3 -m http.server",
        "tests/new-app-page.mjs serves the directory to headless Chromium",
    ),
    (
        "npm install -D vite",
        "the Vite examples/vite-app installs is used",
    ),
    ("npx vite build", "that Vite's `vite build`"),
    (
        "npx vite preview",
        "tests/new-app-page.mjs serves dist/ to headless Chromium",
    ),
    ("node hello.js", "run as is; its output must be the guide's"),
    (
        "npx slotwire-types ./pkg/app.js --out ./pkg/app-exports.d.ts",
        "the installed package's bin, as npx runs it",
    ),
    (
        "npm install -D typescript",
        "the TypeScript js-runtime installs is used",
    ),
    ("npx tsc", "that TypeScript's tsc"),
];

/// The files of the getting-started page the `new-app` step's commands use.
const NEW_APP_FILES: &[&str] = &[
    "Cargo.toml",
    "src/lib.rs",
    "index.html",
    "vite.config.js",
    "hello.js",
    "tsconfig.json",
];

/// What the getting-started page holds: its files, commands and expected outputs.
#[derive(Debug, Default)]
struct GuideApp {
    /// `(path, contents)` of every block whose first line is a comment naming a file.
    files: Vec<(String, String)>,
    /// Every line of the `sh` blocks, comments and blank lines dropped.
    commands: Vec<String>,
    /// The `text` blocks whose first line is `$ <command>`: the command and its expected stdout.
    outputs: Vec<(String, String)>,
    /// The `text` block whose first line is `# the page shows:`.
    page_text: Option<String>,
}

impl GuideApp {
    fn file(&self, path: &str) -> Result<&str> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, c)| c.as_str())
            .ok_or_else(|| format!("{NEW_APP_GUIDE} has no block for the file {path}"))
    }
}

/// The file a block's first line names: `// main.js`, `# Cargo.toml`, `<!-- index.html -->`.
fn block_file_name(first_line: &str) -> Option<&str> {
    let line = first_line.trim();
    let name = if let Some(rest) = line.strip_prefix("<!--") {
        rest.strip_suffix("-->")?
    } else if let Some(rest) = line.strip_prefix("//") {
        rest
    } else {
        line.strip_prefix('#')?
    }
    .trim();
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c));
    (plain && name.contains('.') && !name.starts_with('.') && !name.contains("..")).then_some(name)
}

/// Reads the fenced blocks of a guide page (see `GuideApp`).
fn parse_guide_app(md: &str) -> Result<GuideApp> {
    let mut app = GuideApp::default();
    let mut lines = md.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let lang = info.split([',', ' ']).next().unwrap_or("").trim();
        let mut body = Vec::new();
        loop {
            match lines.next() {
                Some(l) if l.trim_start().starts_with("```") => break,
                Some(l) => body.push(l),
                None => return Err(format!("{NEW_APP_GUIDE}: a ``` block is not closed")),
            }
        }
        let Some(first) = body.first().copied() else {
            continue;
        };
        let rest = || {
            let mut text = body[1..].join("\n");
            text.push('\n');
            text
        };
        if lang == "sh" {
            for l in &body {
                let l = l.split(" #").next().unwrap_or("").trim();
                if !l.is_empty() && !l.starts_with('#') {
                    app.commands.push(l.to_string());
                }
            }
        } else if lang == "text" {
            if let Some(command) = first.strip_prefix("$ ") {
                app.outputs.push((command.trim().to_string(), rest()));
            } else if first.trim() == "# the page shows:" {
                app.page_text = Some(rest().trim_end().to_string());
            }
        } else if let Some(name) = block_file_name(first) {
            if app.files.iter().any(|(p, _)| p == name) {
                return Err(format!("{NEW_APP_GUIDE}: two blocks for the file {name}"));
            }
            app.files.push((name.to_string(), rest()));
        }
    }
    Ok(app)
}

/// The page's commands against `NEW_APP_COMMANDS`: an error names every command only one side has.
fn check_guide_commands(app: &GuideApp, wasm_bindgen: &str) -> Result<()> {
    let known: Vec<String> = NEW_APP_COMMANDS
        .iter()
        .map(|(c, _)| c.replace("{wasm-bindgen}", wasm_bindgen))
        .collect();
    let unknown: Vec<&String> = app.commands.iter().filter(|c| !known.contains(c)).collect();
    let missing: Vec<&String> = known.iter().filter(|c| !app.commands.contains(c)).collect();
    if unknown.is_empty() && missing.is_empty() {
        return Ok(());
    }
    let mut e = format!("the commands of {NEW_APP_GUIDE} are not the ones the new-app step runs");
    for c in unknown {
        let _ = write!(e, "\n  in the guide, unknown to xtask: {c}");
    }
    for c in missing {
        let _ = write!(e, "\n  in xtask (NEW_APP_COMMANDS), not in the guide: {c}");
    }
    Err(e)
}

/// A Node tool another npm directory of the repository installs (cargo xtask setup).
fn installed_tool(root: &Path, path: &str) -> Result<PathBuf> {
    let p = root.join(path);
    if p.is_file() {
        Ok(p)
    } else {
        Err(format!(
            "{} is missing: the new-app step runs it (run `cargo xtask setup`)",
            p.display()
        ))
    }
}

/// The getting-started app, made from the guide's blocks in a temporary directory outside the
/// repository, built and run as the guide says (`NEW_APP_COMMANDS` says what stands in for what):
/// `node hello.js` prints the guide's output; the page, served plain and built by Vite, shows the
/// guide's text in headless Chromium; `tsc` (strict, no skipLibCheck) accepts the typed usage
/// file and the `.d.ts` files, its `@ts-expect-error` line included. The temporary directory is
/// removed when everything passed, kept (and named) otherwise.
fn new_app(root: &Path) -> Result<()> {
    let vite = installed_tool(root, "examples/vite-app/node_modules/vite/bin/vite.js")?;
    let tsc = installed_tool(root, TSC)?;
    installed_tool(root, "benches/node_modules/playwright-core/package.json")?;
    let md = fs::read_to_string(NEW_APP_GUIDE).map_err(|e| format!("{NEW_APP_GUIDE}: {e}"))?;
    let guide = parse_guide_app(&md)?;
    let wasm_bindgen = pinned_wasm_bindgen_version()?;
    check_guide_commands(&guide, &wasm_bindgen)?;
    println!("new-app: the guide's commands, and what this step does for each:");
    for (command, what) in NEW_APP_COMMANDS {
        println!(
            "  {:<58} {what}",
            command.replace("{wasm-bindgen}", &wasm_bindgen)
        );
    }
    match tool_version("wasm-bindgen") {
        Some(v) if v == wasm_bindgen => {}
        other => {
            return Err(format!(
                "wasm-bindgen --version is {other:?}, not Cargo.lock's {wasm_bindgen} \
                 (run `cargo xtask setup`)"
            ))
        }
    }

    let tmp = env::temp_dir().join(format!("slotwire-new-app-{}", process::id()));
    remove_dir_if_exists(&tmp)?;
    let app = tmp.join("app");
    let result = new_app_in(root, &guide, &app, &vite, &tsc);
    match &result {
        Ok(()) => remove_dir_if_exists(&tmp)?,
        Err(_) => println!("new-app: the app is left in {} to look at", app.display()),
    }
    result
}

fn new_app_in(root: &Path, guide: &GuideApp, app: &Path, vite: &Path, tsc: &Path) -> Result<()> {
    // The files the commands below need (the page's own imports are the page's business).
    for f in NEW_APP_FILES {
        guide.file(f)?;
    }
    // The files, as the guide writes them; the one substitution: the crate from this repository.
    let crates_io = "slotwire = \"0.1\"\n";
    let engine = root.join("engine");
    for (path, contents) in &guide.files {
        let file = app.join(path);
        let contents = if path == "Cargo.toml" {
            if !contents.contains(crates_io) {
                return Err(format!(
                    "{NEW_APP_GUIDE}: Cargo.toml has no line `{}`",
                    crates_io.trim()
                ));
            }
            contents.replace(
                crates_io,
                &format!("slotwire = {{ path = {:?} }}\n", engine.to_string_lossy()),
            )
        } else {
            contents.clone()
        };
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&file, contents).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    println!(
        "new-app: wrote {} files from {NEW_APP_GUIDE} into {}",
        guide.files.len(),
        app.display()
    );
    // The workspace's lock as a start: the app resolves the versions this repository is tested
    // with (wasm-bindgen = the CLI's), and builds offline from cargo's cache.
    fs::copy("Cargo.lock", app.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;

    // The crate and its glue.
    let cargo_target = target_dir(root).join("new-app");
    let run = |line: &str| -> Cmd {
        let mut words = line.split_whitespace();
        Cmd::new(words.next().unwrap_or_default())
            .args(words)
            .dir(app)
    };
    run("cargo build --release --target wasm32-unknown-unknown")
        .env("CARGO_TARGET_DIR", cargo_target.to_string_lossy())
        .run()?;
    let wasm = cargo_target
        .join(WASM_TARGET)
        .join("release")
        .join("app.wasm");
    run("wasm-bindgen --target web --out-dir pkg")
        .arg(wasm.to_string_lossy())
        .run()?;

    // The JS package: this repository's, packed as npm would publish it.
    let packed = Cmd::new("npm")
        .args(["pack", "--loglevel=warn", "--pack-destination"])
        .arg(app.parent().unwrap_or(app).to_string_lossy())
        .dir(&root.join("js-runtime"))
        .stdout()?;
    let tarball = packed
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.ends_with(".tgz"))
        .ok_or("npm pack printed no .tgz name")?;
    let tarball = app.parent().unwrap_or(app).join(tarball);
    run("npm install --no-audit --no-fund --prefer-offline")
        .arg(tarball.to_string_lossy())
        .run()?;
    run("npm pkg set type=module").run()?;

    // Node.
    for (command, expected) in &guide.outputs {
        if !guide.commands.contains(command) {
            return Err(format!(
                "{NEW_APP_GUIDE}: an output is given for `{command}`, which no ```sh block runs"
            ));
        }
        let shown = run(command).stdout()?;
        if shown.trim_end() != expected.trim_end() {
            return Err(format!(
                "`{command}` printed {shown:?}, the guide says {expected:?}"
            ));
        }
    }
    if !guide.outputs.iter().any(|(c, _)| c == "node hello.js") {
        return Err(format!(
            "{NEW_APP_GUIDE}: no ```text block with the output of `$ node hello.js`"
        ));
    }

    // The plain page, then the page built by Vite, in headless Chromium.
    let page_text = guide
        .page_text
        .as_deref()
        .ok_or_else(|| format!("{NEW_APP_GUIDE}: no ```text block starting `# the page shows:`"))?;
    let page = |dir: &Path| {
        Cmd::new("node")
            .arg(root.join("tests/new-app-page.mjs").to_string_lossy())
            .arg(dir.to_string_lossy())
            .arg(page_text)
            .run()
    };
    page(app)?;
    Cmd::new("node")
        .arg(vite.to_string_lossy())
        .arg("build")
        .dir(app)
        .run()?;
    page(&app.join("dist"))?;

    // TypeScript: the exports' declarations, then tsc on the app's tsconfig.json.
    // `npx slotwire-types ...`: npx runs the package's bin from node_modules/.bin.
    Cmd::new(
        &app.join("node_modules/.bin/slotwire-types")
            .to_string_lossy(),
    )
    .args(["./pkg/app.js", "--out", "./pkg/app-exports.d.ts"])
    .dir(app)
    .run()?;
    Cmd::new("node").arg(tsc.to_string_lossy()).dir(app).run()?;
    println!("new-app: Node, the plain page, the Vite build and tsc all as the guide says");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// bench
// ---------------------------------------------------------------------------------------------

struct BenchOptions {
    /// Few iterations: the smoke test CI runs.
    quick: bool,
    /// Run in Node rather than headless Chromium.
    node: bool,
}

impl BenchOptions {
    /// `Ok(None)` means `--help`.
    fn parse(args: &[String]) -> Result<Option<Self>> {
        let mut opts = BenchOptions {
            quick: false,
            node: false,
        };
        for arg in args {
            match arg.as_str() {
                "--quick" => opts.quick = true,
                "--node" => opts.node = true,
                "-h" | "--help" => return Ok(None),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(Some(opts))
    }

    fn flags(&self) -> Vec<&'static str> {
        let mut flags = Vec::new();
        if self.quick {
            flags.push("--quick");
        }
        if self.node {
            flags.push("--node");
        }
        flags
    }
}

fn bench(root: &Path, opts: &BenchOptions) -> Result<()> {
    let ran_examples = run_examples(root, opts)?;
    if ran_examples {
        build_vite_app(root)?;
        wasm_pack_builds(root)?;
        size_table(root)?;
    }
    let ran_page = run_benchmark_page(root, opts)?;
    // The examples' pages in headless Chromium (needs playwright-core, which the benchmark page
    // step installs in benches/).
    if ran_examples && ran_page && !opts.node && Path::new(EXAMPLE_PAGES).is_file() {
        Cmd::new("node").arg(EXAMPLE_PAGES).run()?;
    }
    if !ran_examples && !ran_page {
        println!("bench: nothing to run yet (no example with a run.mjs, no benchmark page)");
    }
    Ok(())
}

/// Opens each example's index.html in headless Chromium and checks what it shows.
const EXAMPLE_PAGES: &str = "examples/pages.mjs";

/// The driver of the browser benchmark page.
const BENCH_DRIVER: &str = "benches/run.mjs";
/// The raw floor: plain wasm imports/exports, loaded without any glue.
const BENCH_FLOOR_PACKAGE: &str = "raw-floor";
/// Every other benchmark path, run through wasm-bindgen.
const BENCH_WASM_PACKAGE: &str = "bench-wasm";
/// Where the benchmark page loads its modules from (relative to the target directory).
const BENCH_PKG: &str = "bench/pkg";

/// Builds the benchmark page's modules and runs its headless driver:
/// `node benches/run.mjs [--quick] [--node]`. Returns `false` while the page does not exist.
fn run_benchmark_page(root: &Path, opts: &BenchOptions) -> Result<bool> {
    if !Path::new(BENCH_DRIVER).is_file() {
        println!("benchmark page: not built yet ({BENCH_DRIVER} missing), skipping");
        return Ok(false);
    }
    println!("--> benchmark page: building its wasm modules");
    build_bench_modules(root)?;
    if !opts.node && !Path::new("benches/node_modules/playwright-core").is_dir() {
        // The driver needs playwright-core (benches/package.json, locked).
        println!("npm packages in benches/: installing with `npm ci` (playwright-core missing)");
        Cmd::new("npm")
            .args(["--prefix", "benches", "ci", "--no-audit", "--no-fund"])
            .run()?;
    }
    println!("--> benchmark page: {BENCH_DRIVER}");
    Cmd::new("node")
        .arg(BENCH_DRIVER)
        .args(opts.flags())
        .run()?;
    Ok(true)
}

/// `target/bench/pkg`: `raw_floor.wasm` as cargo built it, and `bench_wasm.js` +
/// `bench_wasm_bg.wasm` (+ snippets) from wasm-bindgen.
fn build_bench_modules(root: &Path) -> Result<()> {
    cargo()
        .args([
            "build",
            "--release",
            "--target",
            WASM_TARGET,
            "-p",
            BENCH_FLOOR_PACKAGE,
            "-p",
            BENCH_WASM_PACKAGE,
        ])
        .run()?;
    let target = target_dir(root);
    let release = target.join(WASM_TARGET).join("release");
    let pkg = target.join(BENCH_PKG);
    let rel = |p: &Path| -> String {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    Cmd::new("wasm-bindgen")
        .args(["--target", "web", "--out-dir"])
        .arg(rel(&pkg))
        .arg(rel(&release.join(format!(
            "{}.wasm",
            BENCH_WASM_PACKAGE.replace('-', "_")
        ))))
        .run()?;
    let floor = format!("{}.wasm", BENCH_FLOOR_PACKAGE.replace('-', "_"));
    fs::copy(release.join(&floor), pkg.join(&floor))
        .map_err(|e| format!("copying {floor} into {}: {e}", pkg.display()))?;
    println!("copied {floor} into {}", rel(&pkg));
    Ok(())
}

struct Example {
    /// Directory name under examples/.
    name: String,
    package: String,
    /// The library target's name, `-` replaced by `_`: the stem of the .wasm file.
    lib_stem: String,
}

/// Every `examples/*/` with a `Cargo.toml` and a `run.mjs`, sorted by name.
fn find_examples() -> Result<Vec<Example>> {
    let Ok(entries) = fs::read_dir("examples") else {
        return Ok(Vec::new());
    };
    let mut examples = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("examples/: {e}"))?;
        let dir = entry.path();
        let manifest = dir.join("Cargo.toml");
        if !manifest.is_file() || !dir.join("run.mjs").is_file() {
            continue;
        }
        let text =
            fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
        let package = toml_section_string(&text, "package", "name")
            .ok_or_else(|| format!("{}: no [package] name", manifest.display()))?;
        let lib_name = toml_section_string(&text, "lib", "name").unwrap_or_else(|| package.clone());
        examples.push(Example {
            name: entry.file_name().to_string_lossy().into_owned(),
            lib_stem: lib_name.replace('-', "_"),
            package,
        });
    }
    examples.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(examples)
}

/// The string value of `key = "..."` inside `[section]` of a simple TOML file.
fn toml_section_string(text: &str, section: &str, key: &str) -> Option<String> {
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line.trim_start_matches('[').trim_end_matches(']').trim() == section;
            continue;
        }
        if !in_section {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() != key {
            continue;
        }
        let inner = v.trim().strip_prefix('"')?;
        return Some(inner[..inner.find('"')?].to_string());
    }
    None
}

fn target_dir(root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(PathBuf::from(dir)),
        None => root.join("target"),
    }
}

/// Builds and runs each example; returns whether there was any.
fn run_examples(root: &Path, opts: &BenchOptions) -> Result<bool> {
    let examples = find_examples()?;
    if examples.is_empty() {
        println!("examples: none has a run.mjs yet, nothing to run");
        return Ok(false);
    }
    let target = target_dir(root);
    for ex in &examples {
        println!("--> example {}", ex.name);
        cargo()
            .args([
                "build",
                "--release",
                "--target",
                WASM_TARGET,
                "-p",
                &ex.package,
            ])
            .run()?;
        let wasm = target
            .join(WASM_TARGET)
            .join("release")
            .join(format!("{}.wasm", ex.lib_stem));
        let pkg = target.join("examples").join(&ex.name).join("pkg");
        let rel = |p: &Path| -> String {
            p.strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        };
        wasm_bindgen_web(&rel(&wasm), &pkg)?;
        check_glue_types(&rel(&pkg), &ex.lib_stem)?;
        // `--quick` / `--node` follow the package directory, for run.mjs to honour if it grows
        // a timed part; it may ignore them.
        Cmd::new("node")
            .arg(format!("examples/{}/run.mjs", ex.name))
            .arg(rel(&pkg))
            .args(opts.flags())
            .run()?;
    }
    println!("examples: {} ran", examples.len());
    Ok(true)
}

/// The hello example built with wasm-pack (`--target web` and `--target bundler`, with the
/// wasm-bindgen CLI setup installed: `--mode no-install`; `--no-opt`: no binaryen download), each
/// run: the web output by examples/hello/run.mjs, the bundler output through Node's wasm ES
/// modules by examples/wasm-pack-bundler.mjs. Skipped, saying so, without wasm-pack.
fn wasm_pack_builds(root: &Path) -> Result<()> {
    if which("wasm-pack").is_none() {
        println!(
            "wasm-pack: not installed (cargo xtask setup installs it): its builds are not checked"
        );
        return Ok(());
    }
    let out = target_dir(root).join("wasm-pack");
    for target in ["web", "bundler"] {
        let dir = out.join(format!("hello-{target}"));
        remove_dir_if_exists(&dir)?;
        println!("--> wasm-pack build examples/hello --target {target}");
        Cmd::new("wasm-pack")
            .args(["build", "examples/hello", "--target", target])
            .args(["--mode", "no-install", "--no-opt", "--out-dir"])
            // Relative to the crate's directory.
            .arg(dir.to_string_lossy().into_owned())
            .run()?;
    }
    Cmd::new("node")
        .arg("examples/hello/run.mjs")
        .arg(out.join("hello-web").to_string_lossy().into_owned())
        .run()?;
    Cmd::new("node")
        .args([
            "--experimental-wasm-modules",
            "--no-warnings",
            "examples/wasm-pack-bundler.mjs",
        ])
        .arg(out.join("hello-bundler").to_string_lossy().into_owned())
        .run()?;
    Ok(())
}

/// The hello example written with plain wasm-bindgen (the size table's yardstick).
const SIZE_TWIN_PACKAGE: &str = "hello-wasm-bindgen";

/// What an app ships, in bytes.
struct Shipped {
    wasm: u64,
    wasm_gz: u64,
    js_files: usize,
    js: u64,
    js_gz: u64,
    /// Each JS file the page loads: its name and gzipped size.
    js_each: Vec<(String, u64)>,
}

/// Gzip size of `bytes` (level 9, as a server precompresses).
/// Features an app pays for only when it uses them: the hello example queues no batched call,
/// so its wasm must not import the batch runner (`swRunBatch`; engine/src/batch.rs reaches the
/// flush through a hook the first queued call sets), it streams nothing to JS, so its wasm must
/// not link the `ByteStream` pull (`SlotwireByteStream`: engine/src/stream.rs publishes it with
/// the first stream), and its glue must not load the batch or
/// the records or the views or the Rust objects snippet (`slotwire-batch.js`,
/// `slotwire-records.js`, `slotwire-views.js`, `slotwire-objects.js`:
/// js-runtime/src/transport-batch.js, transport-records.js, transport-views.js,
/// transport-objects.js).
fn pay_for_use(wasm: &Path, glue: &Path) -> Result<()> {
    let bytes = fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let unused = [
        ("swRunBatch", "imports", "queues no batched call"),
        ("swKeepBatchResults", "imports", "queues no batched call"),
        // The pull export is published with the first ByteStream (engine/src/stream.rs).
        ("SlotwireByteStream", "links", "streams nothing to JS"),
    ];
    for (name, what, why) in unused {
        if bytes.windows(name.len()).any(|w| w == name.as_bytes()) {
            return Err(format!(
                "{}: {what} {name}, though the hello example {why}",
                wasm.display()
            ));
        }
    }
    let unused_js = [
        ("slotwire-batch.js", "queues no batched call"),
        ("slotwire-records.js", "uses no record type"),
        ("slotwire-views.js", "passes no span or segment"),
        (
            "slotwire-objects.js",
            "makes no Rust object and reads no JS stream",
        ),
    ];
    for f in reachable_js(glue)? {
        for (name, why) in unused_js {
            if f.file_name().is_some_and(|n| n == name) {
                return Err(format!(
                    "{}: loads {}, though the hello example {why}",
                    glue.display(),
                    f.display()
                ));
            }
        }
    }
    Ok(())
}

/// The relative module specifiers `text` imports (`from "./x.js"`, `import "./x.js"`,
/// `import("./x.js")`, either quote): what a page or a bundler loads after it.
fn relative_imports(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("from") {
        out.extend(quoted_relative(&text[i + 4..]));
    }
    for (i, _) in text.match_indices("import") {
        let rest = text[i + 6..].trim_start();
        out.extend(quoted_relative(rest.strip_prefix('(').unwrap_or(rest)));
    }
    out.sort();
    out.dedup();
    out
}

/// The string literal `s` starts with (after blanks), if it is a relative specifier.
fn quoted_relative(s: &str) -> Option<String> {
    let s = s.trim_start();
    let q = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &s[1..];
    let end = body.find(q)?;
    let spec = &body[..end];
    (spec.starts_with("./") || spec.starts_with("../")).then(|| spec.to_owned())
}

/// The JS files a page loads from `entry` (the glue): it and every file reachable through
/// relative imports. What an app ships, whatever else wasm-bindgen copied into its `pkg/`
/// (the snippet of a feature the app does not use is copied but never imported).
fn reachable_js(entry: &Path) -> Result<Vec<PathBuf>> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut todo = vec![entry.to_path_buf()];
    while let Some(f) = todo.pop() {
        let f = f
            .canonicalize()
            .map_err(|e| format!("{}: {e}", f.display()))?;
        if seen.contains(&f) {
            continue;
        }
        let text = fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        for spec in relative_imports(&text) {
            let p = dir.join(&spec);
            if p.is_file() {
                todo.push(p);
            }
        }
        seen.push(f);
    }
    seen.sort();
    Ok(seen)
}

fn gzip_len(bytes: &[u8]) -> Result<u64> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    Ok(e.finish().map_err(|e| format!("gzip: {e}"))?.len() as u64)
}

/// binaryen's wasm-opt, from npm (benches/package.json): a current binaryen (Debian's 108
/// mis-optimizes wasm-bindgen 0.2.130's externref table: the module no longer instantiates).
const WASM_OPT: &str = "benches/node_modules/binaryen/bin/wasm-opt";

/// The wasm features rustc's wasm32 target enables by default, and no more (`-all` would let
/// wasm-opt use typed function references, which engines reject without a flag).
const WASM_FEATURES: &[&str] = &[
    "--enable-reference-types",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-multivalue",
];

/// `wasm-opt -Oz` of `wasm` into `optimized`; false (nothing written) without binaryen.
fn wasm_opt(wasm: &Path, optimized: &Path) -> Result<bool> {
    if !Path::new(WASM_OPT).is_file() {
        return Ok(false);
    }
    Cmd::new("node")
        .arg(WASM_OPT)
        .arg("-Oz")
        .args(WASM_FEATURES.iter().copied())
        .arg(wasm.to_string_lossy().into_owned())
        .arg("-o")
        .arg(optimized.to_string_lossy().into_owned())
        .run()?;
    Ok(true)
}

/// The bytes an app of wasm-bindgen's output ships: its `.wasm` (after `wasm-opt -Oz` when
/// binaryen is installed) and the JS its page loads (the glue `glue` and the snippets it imports,
/// [`reachable_js`]), raw and gzipped file by file.
fn shipped(glue: &Path, wasm: &Path, optimized: &Path) -> Result<Shipped> {
    let wasm_bytes = if wasm_opt(wasm, optimized)? {
        fs::read(optimized).map_err(|e| format!("{}: {e}", optimized.display()))?
    } else {
        fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?
    };
    let files = reachable_js(glue)?;
    let (mut js, mut js_gz) = (0, 0);
    let mut js_each = Vec::new();
    for f in &files {
        let b = fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let gz = gzip_len(&b)?;
        js += b.len() as u64;
        js_gz += gz;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        js_each.push((name.unwrap_or_default(), gz));
    }
    Ok(Shipped {
        wasm: wasm_bytes.len() as u64,
        wasm_gz: gzip_len(&wasm_bytes)?,
        js_files: files.len(),
        js,
        js_gz,
        js_each,
    })
}

/// The size table: the hello example (slotwire) against the same app written with wasm-bindgen,
/// wasm (after `wasm-opt -Oz` when installed) + the JS its page loads, gzip; written to
/// target/bench/size.json too.
fn size_table(root: &Path) -> Result<()> {
    let target = target_dir(root);
    let release = target.join(WASM_TARGET).join("release");
    cargo()
        .args([
            "build",
            "--release",
            "--target",
            WASM_TARGET,
            "-p",
            SIZE_TWIN_PACKAGE,
        ])
        .run()?;
    let twin_pkg = target.join("size").join(SIZE_TWIN_PACKAGE).join("pkg");
    let twin_wasm = release.join(format!("{}.wasm", SIZE_TWIN_PACKAGE.replace('-', "_")));
    wasm_bindgen_web(&twin_wasm.to_string_lossy(), &twin_pkg)?;
    let size_dir = target.join("size");
    let hello_pkg = target.join("examples").join("hello").join("pkg");
    pay_for_use(
        &hello_pkg.join("hello_bg.wasm"),
        &hello_pkg.join("hello.js"),
    )?;
    let ours = shipped(
        &hello_pkg.join("hello.js"),
        &hello_pkg.join("hello_bg.wasm"),
        &size_dir.join("hello.opt.wasm"),
    )?;
    let twin = shipped(
        &twin_pkg.join("hello_wasm_bindgen.js"),
        &twin_pkg.join("hello_wasm_bindgen_bg.wasm"),
        &size_dir.join("hello_wasm_bindgen.opt.wasm"),
    )?;
    let optimized = Path::new(WASM_OPT).is_file();
    let opt = if optimized {
        "wasm-opt -Oz (binaryen from npm)"
    } else {
        "no binaryen in benches/node_modules: wasm as built"
    };
    if optimized {
        // The optimized hello must still work: its pkg with the optimized wasm, run as the
        // example runs.
        let check = size_dir.join("hello-optimized");
        remove_dir_if_exists(&check)?;
        copy_dir(&hello_pkg, &check)?;
        fs::copy(size_dir.join("hello.opt.wasm"), check.join("hello_bg.wasm"))
            .map_err(|e| format!("hello.opt.wasm: {e}"))?;
        Cmd::new("node")
            .arg("examples/hello/run.mjs")
            .arg(check.to_string_lossy().into_owned())
            .run()?;
    }
    println!();
    println!("size of the hello example ({opt}; gzip -9 per file; JS: what its glue loads):");
    println!("app                 wasm   wasm gz  js files      js    js gz  total gz");
    for (name, s) in [("slotwire", &ours), ("wasm_bindgen", &twin)] {
        println!(
            "{name:<14} {:>9} {:>9} {:>9} {:>7} {:>8} {:>9}",
            s.wasm,
            s.wasm_gz,
            s.js_files,
            s.js,
            s.js_gz,
            s.wasm_gz + s.js_gz
        );
    }
    for (name, s) in [("slotwire", &ours), ("wasm_bindgen", &twin)] {
        let each: Vec<String> = s
            .js_each
            .iter()
            .map(|(f, gz)| format!("{f} {gz}"))
            .collect();
        println!("{name} JS, gz per file: {}", each.join(", "));
    }
    let ratio = (ours.wasm_gz + ours.js_gz) as f64 / (twin.wasm_gz + twin.js_gz) as f64;
    println!("slotwire ÷ wasm_bindgen (total gz): {ratio:.2}×");
    // For scale: the same app as Vite bundles and minifies it (examples/vite-app; wasm as built).
    let assets = Path::new(VITE_APP).join("dist").join("assets");
    if let Ok(entries) = fs::read_dir(&assets) {
        let (mut js_gz, mut wasm_gz) = (0, 0);
        for e in entries.flatten() {
            let p = e.path();
            let b = fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            match p.extension().and_then(|x| x.to_str()) {
                Some("js") => js_gz += gzip_len(&b)?,
                Some("wasm") => wasm_gz += gzip_len(&b)?,
                _ => {}
            }
        }
        println!(
            "slotwire, Vite build (minified JS, wasm as built): js gz {js_gz}, wasm gz {wasm_gz}, total gz {}",
            js_gz + wasm_gz
        );
    }
    let json = format!(
        "{{\"wasm_opt\": {}, \"slotwire\": {{\"wasm\": {}, \"wasm_gz\": {}, \"js_files\": {}, \"js\": {}, \"js_gz\": {}}}, \"wasm_bindgen\": {{\"wasm\": {}, \"wasm_gz\": {}, \"js_files\": {}, \"js\": {}, \"js_gz\": {}}}, \"ratio_total_gz\": {ratio:.3}}}\n",
        optimized,
        ours.wasm, ours.wasm_gz, ours.js_files, ours.js, ours.js_gz,
        twin.wasm, twin.wasm_gz, twin.js_files, twin.js, twin.js_gz,
    );
    let out = target.join("bench");
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    fs::write(out.join("size.json"), json).map_err(|e| format!("size.json: {e}"))?;
    Ok(())
}

/// The hello example as an app bundled by Vite (checked on a page by examples/pages.mjs).
const VITE_APP: &str = "examples/vite-app";

/// Copies the hello example's glue (`--target web`) into the Vite app and runs `vite build` there
/// (its `dist/` is what examples/pages.mjs opens). Skipped, saying so, without its npm packages.
fn build_vite_app(root: &Path) -> Result<()> {
    let app = Path::new(VITE_APP);
    if !app.join("package.json").is_file() {
        return Ok(());
    }
    let vite = app.join("node_modules/vite/bin/vite.js");
    if !vite.is_file() {
        println!(
            "{VITE_APP}: not built ({} missing; cargo xtask setup installs it)",
            vite.display()
        );
        return Ok(());
    }
    println!("--> {VITE_APP}: vite build");
    let from = target_dir(root).join("examples/hello/pkg");
    let to = app.join("pkg");
    remove_dir_if_exists(&to)?;
    copy_dir(&from, &to)?;
    // `vite build <root>`: the app directory is the project root (its vite.config.js).
    Cmd::new("node")
        .arg(vite.to_string_lossy().into_owned())
        .args(["build", VITE_APP])
        .run()?;
    Ok(())
}

/// Removes the directory tree `dir`, if there is one.
fn remove_dir_if_exists(dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(())
}

/// `wasm-bindgen --target web --out-dir <out> <wasm>` into an emptied `out` (wasm-bindgen adds to
/// an existing directory: start empty, so no stale file survives).
fn wasm_bindgen_web(wasm: &str, out: &Path) -> Result<()> {
    remove_dir_if_exists(out)?;
    Cmd::new("wasm-bindgen")
        .args(["--target", "web", "--out-dir"])
        .arg(out.to_string_lossy().into_owned())
        .arg(wasm)
        .run()?;
    Ok(())
}

/// Copies the directory tree `from` to `to`.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

/// The TypeScript compiler js-runtime's dev dependencies install.
const TSC: &str = "js-runtime/node_modules/typescript/bin/tsc";

/// The `.d.ts` files wasm-bindgen wrote into `pkg`, and the declarations of the crate's exports
/// `slotwire-types` generates (`<stem>-exports.d.ts`), compile under `tsc --strict` without
/// `skipLibCheck` (wasm-bindgen lists every raw export, slotwire's too). Skipped, saying so, when
/// TypeScript is not installed.
fn check_glue_types(pkg: &str, stem: &str) -> Result<()> {
    if !Path::new(TSC).is_file() {
        println!("types of {pkg}: not checked ({TSC} missing; cargo xtask setup installs it)");
        return Ok(());
    }
    let generated = format!("{stem}-exports.d.ts");
    Cmd::new("node")
        .arg("js-runtime/bin/slotwire-types.mjs")
        .arg(format!("{pkg}/{stem}.js"))
        .args(["--out".to_string(), format!("{pkg}/{generated}")])
        .run()?;
    let mut files: Vec<String> = fs::read_dir(pkg)
        .map_err(|e| format!("{pkg}: {e}"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".d.ts"))
        .collect();
    files.sort();
    // A tsconfig in the pkg: "slotwire" (what the generated file imports) is js-runtime's types.
    let types = fs::canonicalize("js-runtime/index.d.ts")
        .map_err(|e| format!("js-runtime/index.d.ts: {e}"))?;
    let config = format!(
        r#"{{
  "compilerOptions": {{
    "strict": true, "noEmit": true, "skipLibCheck": false, "target": "ES2022",
    "module": "ES2022", "moduleResolution": "bundler", "lib": ["ES2022", "DOM"], "types": [],
    "baseUrl": ".", "paths": {{ "slotwire": [{types:?}] }}
  }},
  "files": {files:?}
}}
"#
    );
    let config_path = format!("{pkg}/tsconfig.json");
    fs::write(&config_path, config).map_err(|e| format!("{config_path}: {e}"))?;
    Cmd::new("node").arg(TSC).args(["-p", &config_path]).run()?;
    println!(
        "types of {pkg}: {} .d.ts files compile ({generated} generated)",
        files.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_imports_are_what_a_page_loads() {
        let glue = "import { a } from './snippets/x/js/slotwire.js';\nimport * as i1 from \"./snippets/y/inline0.js\"\nimport{b}from\"../up.js\";\nconst m = await import('./lazy.js'); import(glueUrl); import x from 'slotwire'; // from here\n";
        assert_eq!(
            relative_imports(glue),
            [
                "../up.js",
                "./lazy.js",
                "./snippets/x/js/slotwire.js",
                "./snippets/y/inline0.js"
            ]
        );
    }

    #[test]
    fn reachable_js_follows_imports_and_skips_what_nothing_imports() {
        let dir = env::temp_dir().join(format!("slotwire-reachable-{}", process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("snippets")).unwrap();
        fs::write(
            dir.join("app.js"),
            "import { f } from './snippets/core.js';",
        )
        .unwrap();
        fs::write(dir.join("snippets/core.js"), "export function f() {}").unwrap();
        fs::write(
            dir.join("snippets/feature.js"),
            "import{f}from\"./core.js\";",
        )
        .unwrap();
        let names = |v: Vec<PathBuf>| -> Vec<String> {
            v.iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(reachable_js(&dir.join("app.js")).unwrap()),
            ["app.js", "core.js"]
        );
        fs::write(
            dir.join("app.js"),
            "import { f } from './snippets/core.js';\nimport { g } from './snippets/feature.js';",
        )
        .unwrap();
        let mut got = names(reachable_js(&dir.join("app.js")).unwrap());
        got.sort();
        assert_eq!(got, ["app.js", "core.js", "feature.js"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_our_crates_unpacked_copies_are_recognised() {
        assert!(is_unpacked_crate("slotwire-0.1.0", "slotwire"));
        assert!(is_unpacked_crate("slotwire-0.1.0.crate", "slotwire"));
        assert!(is_unpacked_crate(
            "slotwire-macros-0.2.3",
            "slotwire-macros"
        ));
        assert!(!is_unpacked_crate("slotwire-macros-0.1.0", "slotwire"));
        assert!(!is_unpacked_crate("slotwire-json-0.1.0", "slotwire"));
        assert!(!is_unpacked_crate("slotwirex-0.1.0", "slotwire"));
        assert!(!is_unpacked_crate("serde-1.0.0", "slotwire"));
    }

    #[test]
    fn pinned_version_plain_and_table() {
        let toml = "[workspace.dependencies]\n\
                    wasm-bindgen-futures = \"0.4\"\n\
                    wasm-bindgen = \"=0.2.130\"\n";
        assert_eq!(
            parse_pinned_version(toml, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        let toml = "wasm-bindgen = { version = \"=0.2.99\", default-features = false }\n";
        assert_eq!(
            parse_pinned_version(toml, "wasm-bindgen").as_deref(),
            Some("0.2.99")
        );
        assert_eq!(
            parse_pinned_version("js-sys = \"0.3\"\n", "wasm-bindgen"),
            None
        );
    }

    #[test]
    fn locked_versions_are_read_from_the_lock() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.5\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "js-sys"), None);
        let real = fs::read_to_string(repo_root().join("Cargo.lock")).unwrap();
        assert!(locked_version(&real, "wasm-bindgen").is_some());
    }

    #[test]
    fn the_workspace_pin_parses() {
        let toml = fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
        let v = parse_pinned_version(&toml, "wasm-bindgen").unwrap();
        assert_eq!(v.split('.').count(), 3, "{v}");
    }

    #[test]
    fn package_and_lib_names() {
        let toml = "[package]\nname = \"hello-world\"\nversion.workspace = true\n\n\
                    [lib]\ncrate-type = [\"cdylib\"]\nname = \"hello_lib\"\n\n\
                    [dependencies]\nname = \"not-this\"\n";
        assert_eq!(
            toml_section_string(toml, "package", "name").as_deref(),
            Some("hello-world")
        );
        assert_eq!(
            toml_section_string(toml, "lib", "name").as_deref(),
            Some("hello_lib")
        );
        assert_eq!(toml_section_string(toml, "bin", "name"), None);
    }

    #[test]
    fn test_options() {
        let args = |s: &[&str]| s.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let o = TestOptions::parse(&args(&["--only", "fmt,native", "--skip-setup"]))
            .unwrap()
            .unwrap();
        assert!(o.skip_setup && o.wants("fmt") && o.wants("native") && !o.wants("clippy"));
        assert!(TestOptions::parse(&args(&["--only", "nope"])).is_err());
        assert!(TestOptions::parse(&args(&["--help"])).unwrap().is_none());
        assert!(TestOptions::parse(&args(&[]))
            .unwrap()
            .unwrap()
            .wants("bench"));
    }

    #[test]
    fn guide_blocks() {
        let md = "text\n\n```toml\n# Cargo.toml\n[lib]\n```\n\n```sh\ncargo build  # builds\n\
                  # a comment\n\nnpx tsc\n```\n\n```js\n// main.js\nrun();\n```\n\n\
                  ```js\nnot(a, file);\n```\n\n```text\n$ node hello.js\nHi\n```\n\n\
                  ```text\n# the page shows:\nHi (2)\n```\n\n```html\n<!-- index.html -->\n<p>\n```\n";
        let app = parse_guide_app(md).unwrap();
        let files: Vec<(&str, &str)> = app
            .files
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        assert_eq!(
            files,
            [
                ("Cargo.toml", "[lib]\n"),
                ("main.js", "run();\n"),
                ("index.html", "<p>\n")
            ]
        );
        assert_eq!(app.commands, ["cargo build", "npx tsc"]);
        assert_eq!(
            app.outputs,
            [("node hello.js".to_string(), "Hi\n".to_string())]
        );
        assert_eq!(app.page_text.as_deref(), Some("Hi (2)"));
        assert!(parse_guide_app("```js\n// a.js\n").is_err());
        assert!(parse_guide_app("```js\n// a.js\n```\n```js\n// a.js\n```\n").is_err());
        assert_eq!(block_file_name("// src/lib.rs"), Some("src/lib.rs"));
        assert_eq!(block_file_name("// main.js: the entry"), None);
        assert_eq!(block_file_name("# the page shows:"), None);
        assert_eq!(block_file_name("// ../escape.js"), None);
    }

    /// The getting-started page and the new-app step agree on the commands (the step itself
    /// checks the rest by building the app).
    #[test]
    fn the_getting_started_commands_are_known() {
        let root = repo_root();
        let md = fs::read_to_string(root.join(NEW_APP_GUIDE)).unwrap();
        let app = parse_guide_app(&md).unwrap();
        let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap();
        let v = locked_version(&lock, "wasm-bindgen").unwrap();
        check_guide_commands(&app, &v).unwrap();
        for f in NEW_APP_FILES {
            app.file(f).unwrap();
        }
        let mut broken = app;
        broken.commands.push("npm run something-else".to_string());
        assert!(check_guide_commands(&broken, &v)
            .unwrap_err()
            .contains("unknown to xtask: npm run something-else"));
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("-D"), "-D");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
