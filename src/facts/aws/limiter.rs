//! What every SDK client carries: the adaptive window of calls in flight, the attempt
//! counter behind `--stats`, and the guard against answers cut short.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::facts::Stats;

/// Counts attempts on the wire per operation, so `--stats` can show the SDK's retries.
#[derive(Debug)]
pub(super) struct AttemptCounter(pub(super) Arc<Stats>, pub(super) Arc<Limiter>);

/// How many API calls may be in flight: additive increase, multiplicative decrease. A retry
/// (throttling, 5xx, a timeout) halves the window; a run of calm successes widens it again,
/// up to the configured maximum. Throttling applies per account, so one window per run.
#[derive(Debug)]
pub struct Limiter {
    pub(super) permits: Semaphore,
    window: std::sync::atomic::AtomicUsize,
    max: usize,
    calm: std::sync::atomic::AtomicUsize,
    /// The narrowest the window got (for `--stats`).
    pub narrowest: std::sync::atomic::AtomicUsize,
}

impl Limiter {
    pub fn new(max: usize) -> Limiter {
        let max = max.max(1);
        Limiter {
            permits: Semaphore::new(max),
            window: max.into(),
            max,
            calm: 0.into(),
            narrowest: max.into(),
        }
    }

    pub fn backed_off(&self) {
        use std::sync::atomic::Ordering::SeqCst;
        self.calm.store(0, SeqCst);
        let current = self.window.load(SeqCst);
        let wanted = (current / 2).max(1);
        if wanted < current {
            // Only idle permits can be withdrawn; the busy ones come back at the next call.
            let taken = self.permits.forget_permits(current - wanted);
            if taken > 0 {
                let now = self.window.fetch_sub(taken, SeqCst) - taken;
                self.narrowest.fetch_min(now, SeqCst);
            }
        }
    }

    pub fn succeeded(&self) {
        use std::sync::atomic::Ordering::SeqCst;
        let window = self.window.load(SeqCst);
        if window < self.max && self.calm.fetch_add(1, SeqCst) + 1 >= 2 * window {
            self.calm.store(0, SeqCst);
            self.window.fetch_add(1, SeqCst);
            self.permits.add_permits(1);
        }
    }

    pub fn window(&self) -> usize {
        self.window.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl aws_sdk_ec2::config::Intercept for AttemptCounter {
    fn name(&self) -> &'static str {
        "vpce-doctor-attempt-counter"
    }

    fn read_before_attempt(
        &self,
        _context: &aws_sdk_ec2::config::interceptors::BeforeTransmitInterceptorContextRef<'_>,
        _components: &aws_sdk_ec2::config::RuntimeComponents,
        cfg: &mut aws_sdk_ec2::config::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        if let Some(meta) = cfg.load::<aws_smithy_runtime_api::client::orchestrator::Metadata>() {
            self.0.attempt(meta.name());
        }
        if cfg
            .load::<aws_smithy_runtime_api::client::retries::RequestAttempts>()
            .is_some_and(|a| a.attempts() > 1)
        {
            self.1.backed_off();
        }
        Ok(())
    }
}

/// Rejects a successful answer whose XML document ends before its root element closes. The
/// SDK's parser keeps whatever it read, so half an answer (a network ACL with half its
/// rules) would otherwise become facts, and a wrong verdict.
#[derive(Debug)]
pub(super) struct WholeDocument;

impl aws_sdk_ec2::config::Intercept for WholeDocument {
    fn name(&self) -> &'static str {
        "vpce-doctor-whole-document"
    }

    fn read_after_deserialization(
        &self,
        context: &aws_sdk_ec2::config::interceptors::AfterDeserializationInterceptorContextRef<'_>,
        _components: &aws_sdk_ec2::config::RuntimeComponents,
        _cfg: &mut aws_sdk_ec2::config::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let response = context.response();
        match response.body().bytes() {
            Some(body) if response.status().is_success() => match incomplete_xml(body) {
                Some(reason) => Err(reason.into()),
                None => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

/// Why `body` is not one whole XML document (its root element never closes), if it is not.
/// Anything else unusual (not UTF-8, no XML at all) is left to the SDK's own parser.
pub fn incomplete_xml(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?.trim();
    let mut rest = text;
    let root = loop {
        rest = &rest[rest.find('<')? + 1..];
        if !rest.starts_with('?') && !rest.starts_with('!') {
            break rest
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .filter(|r| !r.is_empty())?;
        }
    };
    let self_closed = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
    if self_closed || text.ends_with(&format!("</{root}>")) {
        None
    } else {
        Some(format!(
            "the answer ends before its XML document does ({} bytes, no closing </{root}>)",
            body.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_call_window_halves_on_throttling_and_widens_when_calm() {
        let l = Limiter::new(8);
        l.backed_off();
        assert_eq!(l.window(), 4);
        l.backed_off();
        l.backed_off();
        l.backed_off();
        assert_eq!(l.window(), 1, "never below one call in flight");
        assert_eq!(l.permits.available_permits(), 1);
        // Two calm windows' worth of successes per step back up.
        for _ in 0..2 {
            l.succeeded();
        }
        assert_eq!(l.window(), 2);
        for _ in 0..200 {
            l.succeeded();
        }
        assert_eq!(l.window(), 8, "capped at the configured maximum");
        assert_eq!(l.permits.available_permits(), 8);
        assert_eq!(l.narrowest.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
