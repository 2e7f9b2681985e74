//! Untrusted-bundle tests over the real binary (issue 7). Filled in separately.

use crate::scenarios::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
