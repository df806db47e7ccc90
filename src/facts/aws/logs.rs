//! CloudWatch Logs: one bounded Logs Insights query over the flow-log groups of an endpoint
//! (the REJECT records of its interfaces), and its answer. `logs:StartQuery` is the one
//! operation that is not Describe/Get/List (`operations::READ_ONLY_EXCEPTIONS`): it only reads.

use std::time::{Duration, Instant};

use super::AwsClients;
use super::operations::{GET_QUERY_RESULTS, START_QUERY};
use crate::engine::outcome::Account::Consumer;
use crate::facts::FactResult;
use crate::facts::model::{RejectQuery, RejectRow};

/// The window the query covers, back from now.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// At most this many groups come back.
pub const ROW_LIMIT: i32 = 50;
/// The longest the tool waits for the answer (never longer than one attempt's timeout).
pub const WAIT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(500);

/// Statuses after which the answer no longer changes.
const FINAL: &[&str] = &["Complete", "Failed", "Cancelled", "Timeout", "Unknown"];

/// Run `query` over `log_groups` for the last [`WINDOW`] and read its answer, waiting at most
/// `wait`: a query still running then is answered as it stands (its status says so).
pub(super) async fn reject_query(
    aws: &AwsClients,
    log_groups: &[String],
    query: &str,
    wait: Duration,
) -> FactResult<RejectQuery> {
    let end = chrono::Utc::now();
    let start = end - chrono::Duration::from_std(WINDOW).expect("15 minutes");
    let started = aws
        .call(Consumer, &START_QUERY, |c| {
            c.logs
                .start_query()
                .set_log_group_names(Some(log_groups.to_vec()))
                .start_time(start.timestamp())
                .end_time(end.timestamp())
                .query_string(query)
                .limit(ROW_LIMIT)
                .send()
        })
        .await?;
    let query_id = started.query_id().unwrap_or_default().to_string();
    let clock = Instant::now();
    loop {
        let out = aws
            .call(Consumer, &GET_QUERY_RESULTS, |c| {
                c.logs.get_query_results().query_id(&query_id).send()
            })
            .await?;
        let status = out
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| "Unknown".into());
        let done = FINAL.iter().any(|f| f.eq_ignore_ascii_case(&status));
        if done || clock.elapsed() + POLL > wait {
            return Ok(RejectQuery {
                start: start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                end: end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                status,
                waited_secs: clock.elapsed().as_secs_f64().round() as u64,
                rows: out.results().iter().filter_map(|r| reject_row(r)).collect(),
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

/// One result row (`srcAddr`, `dstAddr`, `dstPort`, `interfaceId`, `rejects`), or `None`
/// for a row without a count (moto's `@ptr`-only rows, say).
fn reject_row(fields: &[aws_sdk_cloudwatchlogs::types::ResultField]) -> Option<RejectRow> {
    let get = |name: &str| {
        fields
            .iter()
            .find(|f| f.field() == Some(name))
            .and_then(|f| f.value())
            .unwrap_or_default()
            .to_string()
    };
    let rejects = get("rejects").trim().parse::<f64>().ok()?;
    Some(RejectRow {
        source: get("srcAddr"),
        destination: get("dstAddr"),
        port: get("dstPort"),
        interface: get("interfaceId"),
        rejects: rejects.max(0.0) as u64,
    })
}
