//! `tsconfig.json`: the compiler options that change what a TypeScript or JSX
//! module compiles to, and `compilerOptions.paths`/`baseUrl` for resolution.
//! A module uses the nearest `tsconfig.json` above it (within its package when
//! it lies under `node_modules`), with `extends` followed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::Value;

use crate::fs::{EntryKind, Fs};
use crate::resolve::normalize;
use crate::transpile::{JsxMode, TsOptions};

/// What Kode takes from one effective `tsconfig.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TsConfig {
    /// The file, `None` when no `tsconfig.json` applies (defaults).
    pub file: Option<PathBuf>,
    pub options: TsOptions,
    /// `compilerOptions.paths`, in declaration order, with the directory its
    /// targets are relative to.
    pub paths: Vec<(String, Vec<String>)>,
    pub paths_base: PathBuf,
    /// `compilerOptions.baseUrl`, absolute.
    pub base_url: Option<PathBuf>,
}

/// Why a `tsconfig.json` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// The `tsconfig.json` of each directory, found once.
pub struct TsConfigs<'a> {
    fs: &'a dyn Fs,
    by_dir: RefCell<HashMap<PathBuf, Result<Rc<TsConfig>, TsConfigError>>>,
}

/// `extends` chains longer than this are refused (they are cycles in practice).
const MAX_EXTENDS: usize = 16;

impl<'a> TsConfigs<'a> {
    pub fn new(fs: &'a dyn Fs) -> Self {
        TsConfigs {
            fs,
            by_dir: RefCell::default(),
        }
    }

    /// The configuration for a module in `dir` (absolute).
    pub fn for_dir(&self, dir: &Path) -> Result<Rc<TsConfig>, TsConfigError> {
        let dir = normalize(dir);
        if let Some(found) = self.by_dir.borrow().get(&dir) {
            return found.clone();
        }
        let found = self.find(&dir);
        self.by_dir.borrow_mut().insert(dir, found.clone());
        found
    }

    fn find(&self, dir: &Path) -> Result<Rc<TsConfig>, TsConfigError> {
        let candidate = dir.join("tsconfig.json");
        if self.fs.kind(&candidate) == Some(EntryKind::File) {
            return self.load(&candidate).map(Rc::new);
        }
        // A package's files never take the application's configuration.
        let is_package_root = dir
            .parent()
            .and_then(|parent| parent.file_name())
            .is_some_and(|name| name == "node_modules")
            || dir.file_name().is_some_and(|name| name == "node_modules");
        match dir.parent() {
            Some(parent) if !is_package_root => self.for_dir(parent),
            _ => Ok(Rc::new(TsConfig::default())),
        }
    }

    fn load(&self, path: &Path) -> Result<TsConfig, TsConfigError> {
        let mut chain = Vec::new();
        self.read_chain(path, &mut chain)?;
        let mut config = TsConfig {
            file: Some(path.to_path_buf()),
            paths_base: path.parent().unwrap_or(Path::new("/")).to_path_buf(),
            ..TsConfig::default()
        };
        // The base first: each file overrides what it extends.
        for (file, options) in chain.iter().rev() {
            apply(&mut config, file, options).map_err(|message| TsConfigError {
                path: file.clone(),
                message,
            })?;
        }
        Ok(config)
    }

    /// `path`'s `compilerOptions`, then those of what it extends.
    fn read_chain(
        &self,
        path: &Path,
        chain: &mut Vec<(PathBuf, serde_json::Map<String, Value>)>,
    ) -> Result<(), TsConfigError> {
        let fail = |message: String| TsConfigError {
            path: path.to_path_buf(),
            message,
        };
        if chain.len() >= MAX_EXTENDS || chain.iter().any(|(seen, _)| seen == path) {
            return Err(fail("its \"extends\" chain is circular".into()));
        }
        let text = self
            .fs
            .read_to_string(path)
            .map_err(|err| fail(format!("cannot read it: {err}")))?;
        let value = jsonc_parser::parse_to_serde_value(&text, &Default::default())
            .map_err(|err| fail(format!("it is not valid JSON: {err}")))?
            .unwrap_or(Value::Null);
        let Value::Object(mut object) = value else {
            return Err(fail("it is not a JSON object".into()));
        };
        let options = match object.remove("compilerOptions") {
            Some(Value::Object(options)) => options,
            None | Some(Value::Null) => Default::default(),
            Some(_) => return Err(fail("\"compilerOptions\" is not an object".into())),
        };
        chain.push((path.to_path_buf(), options));
        let dir = path.parent().unwrap_or(Path::new("/"));
        let extends = match object.remove("extends") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(one)) => vec![one],
            Some(Value::Array(many)) => many
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s),
                    _ => Err(fail(
                        "\"extends\" holds a value that is not a string".into(),
                    )),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(fail("\"extends\" is not a string or array".into())),
        };
        // With several bases, later ones override earlier ones: read them
        // last first so that the reversed chain applies them in order.
        for base in extends.iter().rev() {
            let found = self.extended(base, dir).ok_or_else(|| {
                fail(format!(
                    "the configuration it extends, '{base}', is not found"
                ))
            })?;
            self.read_chain(&found, chain)?;
        }
        Ok(())
    }

    /// Where an `extends` entry points: a path, or a file in a package.
    fn extended(&self, base: &str, dir: &Path) -> Option<PathBuf> {
        let is_file = |p: &Path| self.fs.kind(p) == Some(EntryKind::File);
        let with_json = |p: PathBuf| -> Option<PathBuf> {
            if is_file(&p) {
                return Some(p);
            }
            let mut json = p.into_os_string();
            json.push(".json");
            let json = PathBuf::from(json);
            is_file(&json).then_some(json)
        };
        if base.starts_with("./") || base.starts_with("../") || base.starts_with('/') {
            return with_json(normalize(&dir.join(base)));
        }
        dir.ancestors().find_map(|ancestor| {
            let in_package = ancestor.join("node_modules").join(base);
            with_json(in_package.clone()).or_else(|| {
                let nested = in_package.join("tsconfig.json");
                is_file(&nested).then_some(nested)
            })
        })
    }
}

/// Applies one file's `compilerOptions` over what its bases set.
fn apply(
    config: &mut TsConfig,
    file: &Path,
    options: &serde_json::Map<String, Value>,
) -> Result<(), String> {
    let dir = file.parent().unwrap_or(Path::new("/"));
    let string = |key: &str| -> Result<Option<String>, String> {
        match options.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("\"compilerOptions.{key}\" is not a string")),
        }
    };
    let flag = |key: &str| -> Result<Option<bool>, String> {
        match options.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(format!("\"compilerOptions.{key}\" is not true or false")),
        }
    };
    let o = &mut config.options;
    if let Some(jsx) = string("jsx")? {
        o.jsx = match jsx.to_ascii_lowercase().as_str() {
            "react" => JsxMode::Classic,
            "react-jsx" => JsxMode::Automatic,
            "react-jsxdev" => JsxMode::AutomaticDev,
            "preserve" | "react-native" => JsxMode::Preserve,
            other => {
                return Err(format!(
                    "\"compilerOptions.jsx\" is '{other}', which TypeScript does not know"
                ))
            }
        };
    }
    if let Some(v) = string("jsxFactory")? {
        o.jsx_factory = Some(v);
    }
    if let Some(v) = string("jsxFragmentFactory")? {
        o.jsx_fragment_factory = Some(v);
    }
    if let Some(v) = string("jsxImportSource")? {
        o.jsx_import_source = Some(v);
    }
    if let Some(v) = flag("useDefineForClassFields")? {
        o.use_define_for_class_fields = v;
    }
    if let Some(v) = flag("experimentalDecorators")? {
        o.experimental_decorators = v;
    }
    if let Some(v) = flag("emitDecoratorMetadata")? {
        o.emit_decorator_metadata = v;
    }
    if let Some(v) = flag("verbatimModuleSyntax")? {
        o.verbatim_module_syntax = v;
    }
    if let Some(base_url) = string("baseUrl")? {
        let base_url = normalize(&dir.join(base_url));
        config.paths_base = base_url.clone();
        config.base_url = Some(base_url);
    }
    match options.get("paths") {
        None | Some(Value::Null) => {}
        Some(Value::Object(paths)) => {
            let mut list = Vec::new();
            for (pattern, targets) in paths {
                let Value::Array(targets) = targets else {
                    return Err(format!(
                        "\"compilerOptions.paths\" entry '{pattern}' is not an array"
                    ));
                };
                let targets = targets
                    .iter()
                    .map(|t| t.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| format!("\"compilerOptions.paths\" entry '{pattern}' holds a value that is not a string"))?;
                list.push((pattern.clone(), targets));
            }
            config.paths = list;
            // Without baseUrl, paths are relative to the file that sets them.
            if config.base_url.is_none() {
                config.paths_base = dir.to_path_buf();
            }
        }
        Some(_) => return Err("\"compilerOptions.paths\" is not an object".into()),
    }
    Ok(())
}

impl TsConfig {
    /// The candidate paths `compilerOptions.paths` maps `specifier` to (the
    /// most specific pattern wins: an exact key, else the longest prefix
    /// before `*`), then `baseUrl/specifier`. Empty when neither applies.
    pub fn candidates(&self, specifier: &str) -> Vec<PathBuf> {
        let mut best: Option<(&Vec<String>, &str, usize)> = None;
        for (pattern, targets) in &self.paths {
            match pattern.split_once('*') {
                None if pattern == specifier => {
                    best = Some((targets, "", usize::MAX));
                    break;
                }
                None => {}
                Some((prefix, suffix)) => {
                    let fits = specifier.len() >= prefix.len() + suffix.len()
                        && specifier.starts_with(prefix)
                        && specifier.ends_with(suffix);
                    if fits && best.is_none_or(|(_, _, len)| prefix.len() > len) {
                        let star = &specifier[prefix.len()..specifier.len() - suffix.len()];
                        best = Some((targets, star, prefix.len()));
                    }
                }
            }
        }
        let mut out: Vec<PathBuf> = best
            .map(|(targets, star, _)| {
                targets
                    .iter()
                    .map(|t| normalize(&self.paths_base.join(t.replacen('*', star, 1))))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(base_url) = &self.base_url {
            out.push(normalize(&base_url.join(specifier)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemFs;

    #[test]
    fn nearest_config_with_comments_and_extends() {
        let fs = MemFs::new()
            .file(
                "/app/tsconfig.base.json",
                r#"{ "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "preact", "useDefineForClassFields": false } }"#,
            )
            .file(
                "/app/tsconfig.json",
                "// comment\n{ \"extends\": \"./tsconfig.base.json\", \"compilerOptions\": { \"useDefineForClassFields\": true, }, }",
            )
            .file("/app/src/a.ts", "");
        let configs = TsConfigs::new(&fs);
        let config = configs.for_dir(Path::new("/app/src")).unwrap();
        assert_eq!(
            config.file.as_deref(),
            Some(Path::new("/app/tsconfig.json"))
        );
        assert_eq!(config.options.jsx, JsxMode::Automatic);
        assert_eq!(config.options.jsx_import_source.as_deref(), Some("preact"));
        assert!(config.options.use_define_for_class_fields);
    }

    #[test]
    fn packages_extends_and_errors() {
        let fs = MemFs::new()
            .file(
                "/app/node_modules/@tsconfig/node22/tsconfig.json",
                r#"{ "compilerOptions": { "experimentalDecorators": true } }"#,
            )
            .file(
                "/app/tsconfig.json",
                r#"{ "extends": "@tsconfig/node22/tsconfig.json" }"#,
            )
            .file(
                "/bad/tsconfig.json",
                r#"{ "compilerOptions": { "jsx": 1 } }"#,
            )
            .file("/loop/tsconfig.json", r#"{ "extends": "./tsconfig.json" }"#)
            .file("/missing/tsconfig.json", r#"{ "extends": "./nope.json" }"#)
            .file("/app/node_modules/pkg/index.ts", "");
        let configs = TsConfigs::new(&fs);
        assert!(
            configs
                .for_dir(Path::new("/app"))
                .unwrap()
                .options
                .experimental_decorators
        );
        // A package does not take the application's configuration.
        let pkg = configs.for_dir(Path::new("/app/node_modules/pkg")).unwrap();
        assert_eq!(pkg.file, None);
        let err = configs.for_dir(Path::new("/bad")).unwrap_err();
        assert!(err.message.contains("jsx"), "{}", err.message);
        assert!(configs
            .for_dir(Path::new("/loop"))
            .unwrap_err()
            .message
            .contains("circular"));
        assert!(configs
            .for_dir(Path::new("/missing"))
            .unwrap_err()
            .message
            .contains("nope.json"));
        assert_eq!(configs.for_dir(Path::new("/none")).unwrap().file, None);
    }

    #[test]
    fn paths_pick_the_most_specific_pattern() {
        let fs = MemFs::new().file(
            "/app/tsconfig.json",
            r#"{ "compilerOptions": { "baseUrl": "./src", "paths": {
                "@/*": ["./*", "./fallback/*"],
                "@/lib/*": ["./library/*"],
                "exact": ["./exact/index.ts"]
            } } }"#,
        );
        let config = TsConfigs::new(&fs).for_dir(Path::new("/app")).unwrap();
        assert_eq!(
            config.candidates("@/util"),
            vec![
                PathBuf::from("/app/src/util"),
                PathBuf::from("/app/src/fallback/util"),
                PathBuf::from("/app/src/@/util"),
            ]
        );
        assert_eq!(
            config.candidates("@/lib/x")[0],
            PathBuf::from("/app/src/library/x")
        );
        assert_eq!(
            config.candidates("exact")[0],
            PathBuf::from("/app/src/exact/index.ts")
        );
        assert_eq!(
            config.candidates("lodash"),
            vec![PathBuf::from("/app/src/lodash")]
        );
    }
}
