//! `--online`: what PyPI's JSON API (`/pypi/<name>/<version>/json`) says about each
//! pinned requirement's release: its `requires_python` and trove classifiers, for
//! `PY3606`. Answers are cached on disk (a release's metadata does not change), and the
//! network is behind the [`Fetcher`] trait so that tests use recorded responses.

use std::path::{Path, PathBuf};
use std::time::Duration;

use py3port_core::deps::{ReleaseInfo, normalize, parse_manifest, pinned_version};
use rayon::prelude::*;

use crate::deps::ManifestFile;

/// Where PyPI's JSON API lives; `PY3PORT_PYPI_URL` points elsewhere (a mirror, or a
/// test's dead address).
pub const DEFAULT_PYPI_URL: &str = "https://pypi.org/pypi";

/// Fetches the JSON document PyPI has for one release.
pub trait Fetcher: Send + Sync {
    /// The document; `Ok(None)` when PyPI does not know the release; `Err` for anything
    /// else (no network, a server error), which is not cached.
    fn fetch(&self, name: &str, version: &str) -> Result<Option<String>, String>;
}

/// The real fetcher: HTTPS to PyPI with a timeout.
pub struct PypiFetcher {
    base: String,
    agent: ureq::Agent,
}

impl PypiFetcher {
    pub fn new(base: &str) -> Self {
        let tls = ureq::tls::TlsConfig::builder().root_certs(root_certs()).build();
        let config = ureq::Agent::config_builder()
            .tls_config(tls)
            .timeout_global(Some(Duration::from_secs(15)))
            .user_agent(concat!("py3port/", env!("CARGO_PKG_VERSION")))
            .build();
        PypiFetcher { base: base.trim_end_matches('/').to_owned(), agent: config.into() }
    }
}

/// The system's certificate bundle (`SSL_CERT_FILE`, or the usual places), as pip and
/// curl trust it: behind a proxy that intercepts TLS, only the system knows its
/// certificate. Mozilla's roots when there is none.
fn root_certs() -> ureq::tls::RootCerts {
    let candidates = std::env::var_os("SSL_CERT_FILE").map(PathBuf::from).into_iter().chain(
        ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"]
            .into_iter()
            .map(PathBuf::from),
    );
    for path in candidates {
        let Ok(pem) = std::fs::read(&path) else { continue };
        let certificates: Vec<ureq::tls::Certificate<'static>> = ureq::tls::parse_pem(&pem)
            .filter_map(|item| match item {
                Ok(ureq::tls::PemItem::Certificate(certificate)) => Some(certificate),
                _ => None,
            })
            .collect();
        if !certificates.is_empty() {
            return ureq::tls::RootCerts::new_with_certs(&certificates);
        }
    }
    ureq::tls::RootCerts::WebPki
}

impl Fetcher for PypiFetcher {
    fn fetch(&self, name: &str, version: &str) -> Result<Option<String>, String> {
        let url = format!("{}/{}/{}/json", self.base, normalize(name), version);
        match self.agent.get(&url).call() {
            Ok(mut response) => response.body_mut().read_to_string().map(Some).map_err(|e| format!("{url}: {e}")),
            Err(ureq::Error::StatusCode(404)) => Ok(None),
            Err(error) => Err(format!("{url}: {error}")),
        }
    }
}

/// A fetcher with a cache directory in front of it.
pub struct Online {
    fetcher: Box<dyn Fetcher>,
    cache: Option<PathBuf>,
}

impl Online {
    /// PyPI (or `PY3PORT_PYPI_URL`), cached under `<cache_dir>/pypi`.
    pub fn pypi(cache_dir: &Path) -> Self {
        let base = std::env::var("PY3PORT_PYPI_URL").unwrap_or_else(|_| DEFAULT_PYPI_URL.to_owned());
        Online::new(Box::new(PypiFetcher::new(&base)), Some(cache_dir.join("pypi")))
    }

    pub fn new(fetcher: Box<dyn Fetcher>, cache: Option<PathBuf>) -> Self {
        Online { fetcher, cache }
    }

    fn cache_path(&self, name: &str, version: &str) -> Option<PathBuf> {
        let safe: String =
            version.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect();
        self.cache.as_ref().map(|dir| dir.join(format!("{}-{safe}.json", normalize(name))))
    }

    /// The document for one release: from the cache, or fetched and cached. A release
    /// PyPI does not know is not cached (a proxy or a mirror may say 404 for a while).
    fn document(&self, name: &str, version: &str) -> Result<Option<String>, String> {
        let path = self.cache_path(name, version);
        if let Some(text) = path.as_ref().and_then(|path| std::fs::read_to_string(path).ok()) {
            return Ok(Some(text));
        }
        let fetched = self.fetcher.fetch(name, version)?;
        if let (Some(path), Some(document)) = (path, &fetched) {
            // A cache that cannot be written only costs a fetch next time.
            let _ = write_cache(&path, document);
        }
        Ok(fetched)
    }

    /// What PyPI says about each pinned release, and a warning per release it could not
    /// be asked about.
    pub fn releases(&self, pins: &[(String, String)]) -> (Vec<ReleaseInfo>, Vec<String>) {
        let answers: Vec<Result<Option<ReleaseInfo>, String>> = pins
            .par_iter()
            .map(|(name, version)| {
                let document = self.document(name, version)?;
                Ok(document.and_then(|json| parse_release(name, version, &json)))
            })
            .collect();
        let mut releases = Vec::new();
        let mut warnings = Vec::new();
        for answer in answers {
            match answer {
                Ok(Some(release)) => releases.push(release),
                Ok(None) => {}
                Err(error) => warnings.push(format!("--online: cannot ask PyPI: {error}")),
            }
        }
        (releases, warnings)
    }
}

/// Writes a cache entry whole or not at all (runs in parallel may share the cache).
fn write_cache(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let directory = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(directory)?;
    let mut temporary = tempfile::NamedTempFile::new_in(directory)?;
    temporary.write_all(text.as_bytes())?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The pinned releases (`name==version`) the manifests declare, once each.
pub fn pins(manifests: &[ManifestFile]) -> Vec<(String, String)> {
    let mut pins: Vec<(String, String)> = manifests
        .iter()
        .filter_map(|manifest| {
            let text = std::fs::read_to_string(&manifest.path).ok()?;
            Some(
                parse_manifest(manifest.kind, &text)
                    .requirements
                    .into_iter()
                    .filter_map(|declared| {
                        pinned_version(&declared.requirement.specifiers)
                            .map(|version| (normalize(&declared.requirement.name), version.to_owned()))
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect();
    pins.sort();
    pins.dedup();
    pins
}

/// Reads PyPI's JSON document for a release; `None` when it is not one.
pub fn parse_release(name: &str, version: &str, json: &str) -> Option<ReleaseInfo> {
    let document: serde_json::Value = serde_json::from_str(json).ok()?;
    let info = document.get("info")?;
    let requires_python = info.get("requires_python").and_then(|r| r.as_str()).map(str::to_owned);
    let classifiers = info
        .get("classifiers")
        .and_then(|c| c.as_array())
        .map(|c| c.iter().filter_map(|c| c.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    Some(ReleaseInfo { name: name.to_owned(), version: version.to_owned(), requires_python, classifiers })
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A recorded answer: name, version, and the document (or the error).
    type Answer = (&'static str, &'static str, Result<Option<&'static str>, &'static str>);

    /// Recorded responses, and the requests made.
    struct Recorded {
        responses: Vec<Answer>,
        asked: Arc<Mutex<Vec<String>>>,
    }

    impl Fetcher for Recorded {
        fn fetch(&self, name: &str, version: &str) -> Result<Option<String>, String> {
            self.asked.lock().unwrap().push(format!("{name}=={version}"));
            let (_, _, answer) = self
                .responses
                .iter()
                .find(|(n, v, _)| *n == name && *v == version)
                .ok_or_else(|| format!("no recorded response for {name} {version}"))?;
            answer.map(|a| a.map(str::to_owned)).map_err(str::to_owned)
        }
    }

    const LDAP: &str = include_str!("../tests/data/pypi/python-ldap-2.4.10.json");
    const SIMPLEJSON: &str = include_str!("../tests/data/pypi/simplejson-3.17.6.json");

    #[test]
    fn recorded_answers_are_read_and_cached() {
        let dir = tempfile::tempdir().unwrap();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let fetcher = Recorded {
            responses: vec![
                ("python-ldap", "2.4.10", Ok(Some(LDAP))),
                ("simplejson", "3.17.6", Ok(Some(SIMPLEJSON))),
                ("gone", "1.0", Ok(None)),
                ("broken", "1.0", Err("connection refused")),
            ],
            asked: Arc::clone(&asked),
        };
        let online = Online::new(Box::new(fetcher), Some(dir.path().join("pypi")));
        let pins: Vec<(String, String)> =
            [("python-ldap", "2.4.10"), ("simplejson", "3.17.6"), ("gone", "1.0"), ("broken", "1.0")]
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect();
        let (releases, warnings) = online.releases(&pins);
        assert_eq!(releases.len(), 2);
        let ldap = releases.iter().find(|r| r.name == "python-ldap").unwrap();
        assert!(ldap.python2_only(6).is_some(), "{ldap:?}");
        let simplejson = releases.iter().find(|r| r.name == "simplejson").unwrap();
        assert!(simplejson.python2_only(6).is_none());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("connection refused"));
        // The second run answers from the cache: only the failed and the unknown
        // requests are made again.
        let (again, _) = online.releases(&pins);
        assert_eq!(again, releases);
        assert!(dir.path().join("pypi/python-ldap-2.4.10.json").is_file());
        assert!(!dir.path().join("pypi/gone-1.0.json").exists());
        let mut asked = asked.lock().unwrap().clone();
        asked.sort();
        assert_eq!(
            asked,
            ["broken==1.0", "broken==1.0", "gone==1.0", "gone==1.0", "python-ldap==2.4.10", "simplejson==3.17.6"]
        );
    }

    #[test]
    fn documents_that_are_not_releases() {
        assert_eq!(parse_release("x", "1", "not json"), None);
        assert_eq!(parse_release("x", "1", "{\"message\": \"Not Found\"}"), None);
        let release = parse_release("x", "1", "{\"info\": {\"requires_python\": null, \"classifiers\": [1]}}").unwrap();
        assert_eq!(release.requires_python, None);
        assert!(release.classifiers.is_empty());
    }
}
