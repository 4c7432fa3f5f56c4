//! Baselines: record today's findings, report only new ones tomorrow.
//!
//! A finding is recorded by a fingerprint of its rule, resource address and
//! attribute path (the same as SARIF's `partialFingerprints`), never by line
//! numbers, so unrelated edits do not make baselined findings reappear.

use crate::report::Report;
use crate::sarif::fingerprint;
use isolint_model::Severity;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// A parsed baseline file.
#[derive(Debug, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BaselineOutcome {
    /// Findings hidden because the baseline records them.
    pub hidden: usize,
    /// Baselined findings no longer reported.
    pub gone: usize,
}

impl Baseline {
    /// Reads a baseline written by [`Report::to_baseline`].
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not a baseline file: {e}"))?;
        if v.get("version").and_then(serde_json::Value::as_u64) != Some(1) {
            return Err("not a version 1 isolint baseline".into());
        }
        let list = v
            .get("findings")
            .and_then(serde_json::Value::as_array)
            .ok_or("the baseline has no \"findings\" list")?;
        let mut fingerprints = HashSet::new();
        for f in list {
            let fp = f
                .get("fingerprint")
                .and_then(serde_json::Value::as_str)
                .ok_or("a baseline entry has no \"fingerprint\"")?;
            fingerprints.insert(fp.to_string());
        }
        Ok(Baseline { fingerprints })
    }

    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }
}

impl Report {
    /// The fingerprint of each finding, in order.
    pub fn fingerprints(&self) -> Vec<String> {
        let mut seen: HashMap<(String, String, String), usize> = HashMap::new();
        self.findings
            .iter()
            .map(|f| {
                let resource = f
                    .resource
                    .clone()
                    .or_else(|| f.span.and_then(|s| self.location(s)).map(|l| l.file))
                    .unwrap_or_default();
                let key = (
                    f.rule.to_string(),
                    resource,
                    f.path.clone().unwrap_or_default(),
                );
                let n = seen.entry(key.clone()).or_insert(0);
                let ordinal = *n;
                *n += 1;
                fingerprint(&key.0, &key.1, &key.2, ordinal)
            })
            .collect()
    }

    /// The baseline file recording every finding of this report.
    pub fn to_baseline(&self) -> serde_json::Value {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .zip(self.fingerprints())
            .map(|(f, fp)| {
                json!({
                    "fingerprint": fp,
                    "rule": f.rule,
                    "resource": f.resource,
                    "path": f.path,
                    "message": f.message,
                })
            })
            .collect();
        json!({ "version": 1, "tool": "isolint", "findings": findings })
    }

    /// Hides the findings the baseline records and counts those gone.
    pub fn apply_baseline(&mut self, baseline: &Baseline) -> BaselineOutcome {
        let fps = self.fingerprints();
        let present: HashSet<&String> = fps.iter().collect();
        let gone = baseline
            .fingerprints
            .iter()
            .filter(|fp| !present.contains(fp))
            .count();
        let mut keep = Vec::with_capacity(self.findings.len());
        let mut hidden = 0;
        for (f, fp) in std::mem::take(&mut self.findings)
            .into_iter()
            .zip(fps.iter())
        {
            if baseline.fingerprints.contains(fp) {
                hidden += 1;
            } else {
                keep.push(f);
            }
        }
        self.findings = keep;
        let s = &mut self.summary;
        s.errors = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        s.warnings = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        s.infos = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Info)
            .count();
        s.baselined = hidden;
        s.baseline_gone = gone;
        BaselineOutcome { hidden, gone }
    }
}
