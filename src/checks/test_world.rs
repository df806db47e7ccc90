//! The fact world the check tests share: a recorded scenario (the bundled demo snapshots)
//! with facts changed one at a time, judged check by check or as a whole run.

use std::sync::Arc;

use super::{Ctx, evaluate};
use crate::engine::catalog::Catalog;
use crate::engine::outcome::{Outcome, Status};
use crate::engine::state::RunState;
use crate::facts::model::Endpoint;
use crate::facts::snapshot::Snapshot;
use crate::facts::{FactKey, FactResult, FactValue, Facts};
use crate::session::{DiagOptions, Session};

/// The endpoint every bundled scenario records.
pub const EP: &str = "vpce-0a1b2c3d4e5f60718";
pub const HEALTHY: &str = include_str!("../../assets/demo/healthy.json");

pub struct World {
    pub snap: Snapshot,
    pub facts: Vec<(FactKey, FactResult<FactValue>)>,
}

impl World {
    pub fn healthy() -> World {
        World::scenario(HEALTHY)
    }
    /// A recorded snapshot (the `--save-snapshot` format).
    pub fn scenario(json: &str) -> World {
        let snap = Snapshot::parse(json, "scenario.json").expect("a valid snapshot");
        let facts = snap.clone().into_facts();
        World { snap, facts }
    }
    pub fn value(&self, key: &FactKey) -> FactValue {
        self.facts
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.clone().ok())
            .unwrap_or_else(|| panic!("no fact {key:?}"))
    }
    pub fn with(mut self, key: FactKey, value: FactValue) -> World {
        self.facts.retain(|(k, _)| k != &key);
        self.facts.push((key, Ok(value)));
        self
    }
    /// The observation of `key` failed with `err`.
    pub fn with_err(mut self, key: FactKey, err: crate::facts::FactError) -> World {
        self.facts.retain(|(k, _)| k != &key);
        self.facts.push((key, Err(err)));
        self
    }
    pub fn endpoint(&self) -> Endpoint {
        match self.value(&FactKey::Endpoint { id: EP.into() }) {
            FactValue::Endpoint(e) => *e,
            other => panic!("the endpoint fact holds {other:?}"),
        }
    }
    /// The endpoint changed, in its description and in the account's list of endpoints alike.
    pub fn with_endpoint(self, f: impl FnOnce(&mut Endpoint)) -> World {
        let mut ep = self.endpoint();
        f(&mut ep);
        let list = FactValue::Endpoints(std::sync::Arc::new(vec![ep.clone()]));
        self.with(
            FactKey::Endpoint { id: EP.into() },
            FactValue::Endpoint(Box::new(ep)),
        )
        .with(FactKey::EndpointList, list)
    }
    pub fn ctx(self) -> Ctx {
        Ctx {
            facts: Arc::new(Facts::replay(self.facts)),
            run: Arc::new(self.snap.context.clone()),
            provider_credentials: true,
        }
    }
    pub async fn eval(self, id: &str) -> Outcome {
        evaluate(id, &self.ctx()).await
    }
    pub async fn eval_with(
        self,
        id: &str,
        f: impl FnOnce(&mut crate::context::RunContext),
    ) -> Outcome {
        let mut ctx = self.ctx();
        f(Arc::get_mut(&mut ctx.run).expect("the only reference"));
        evaluate(id, &ctx).await
    }
    /// Every catalog check on its own, by id (no graph: nothing is blocked).
    pub async fn eval_all(self) -> Vec<(String, Outcome)> {
        let ctx = self.ctx();
        let catalog = Catalog::embedded().expect("catalog");
        let mut ids: Vec<&str> = catalog.ids().into_iter().collect();
        ids.sort_unstable();
        let mut out = Vec::new();
        for id in ids {
            out.push((id.to_string(), evaluate(id, &ctx).await));
        }
        out
    }
    /// The whole run, as every face sees it: the graph, root causes and fixes.
    pub async fn run(self) -> RunState {
        let catalog = Arc::new(Catalog::embedded().expect("catalog"));
        let mut snap = self.snap;
        snap.facts = Snapshot::record(self.facts);
        Session::replay(snap, &DiagOptions::default(), "test:world".into(), catalog)
            .run_to_end(None)
            .await
    }
}

/// `id: summary` of every outcome with `status`, for assertions and their messages.
pub fn with_status(all: &[(String, Outcome)], status: Status) -> Vec<String> {
    all.iter()
        .filter(|(_, o)| o.status == status)
        .map(|(id, o)| format!("{id}: {}", o.summary))
        .collect()
}

/// The value of `name` in the fix `key` an outcome asks for.
pub fn var<'a>(o: &'a Outcome, key: &str, name: &str) -> Option<&'a str> {
    o.fixes
        .iter()
        .find(|f| f.key == key)?
        .vars
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
