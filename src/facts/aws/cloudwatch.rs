//! CloudWatch (either account): the metrics the traffic checks read, every series of one
//! diagnosis in one GetMetricData request (paginated; 500 queries a request at most).

use aws_sdk_cloudwatch::primitives::DateTime;
use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricDataResult, MetricStat};

use super::operations::GET_METRIC_DATA;
use super::{AwsClients, paginate};
use crate::engine::outcome::Account;
use crate::facts::FactResult;
use crate::facts::model::{MetricData, MetricQuery, MetricSeries};

/// GetMetricData takes at most this many queries in one request.
const MAX_QUERIES: usize = 500;

/// The window that ends at `now` rounded down to the period: (start, end) in epoch seconds.
pub fn window_at(now: i64, window_secs: u32, period_secs: u32) -> (i64, i64) {
    let period = i64::from(period_secs.max(1));
    let end = now.div_euclid(period) * period;
    (end - i64::from(window_secs), end)
}

pub(super) async fn metric_data(
    aws: &AwsClients,
    account: Account,
    window_secs: u32,
    period_secs: u32,
    queries: &[MetricQuery],
) -> FactResult<MetricData> {
    let (start, end) = window_at(chrono::Utc::now().timestamp(), window_secs, period_secs);
    let periods = (window_secs / period_secs.max(1)) as usize;
    let mut series = Vec::with_capacity(queries.len());
    for chunk in queries.chunks(MAX_QUERIES) {
        let asked: Vec<MetricDataQuery> = chunk
            .iter()
            .enumerate()
            .map(|(i, q)| to_query(&format!("q{i}"), q, period_secs))
            .collect();
        let results = paginate(GET_METRIC_DATA.name, |token| {
            let asked = asked.clone();
            async move {
                let out = aws
                    .call(account, &GET_METRIC_DATA, |c| {
                        c.cloudwatch
                            .get_metric_data()
                            .set_metric_data_queries(Some(asked))
                            .start_time(DateTime::from_secs(start))
                            .end_time(DateTime::from_secs(end))
                            .set_next_token(token)
                            .send()
                    })
                    .await?;
                let page = out.metric_data_results().to_vec();
                Ok((page, out.next_token().map(str::to_string)))
            }
        })
        .await?;
        for i in 0..chunk.len() {
            let id = format!("q{i}");
            let parts: Vec<&MetricDataResult> =
                results.iter().filter(|r| r.id() == Some(&id)).collect();
            series.push(aligned(&parts, start, period_secs, periods));
        }
    }
    Ok(MetricData {
        start: rfc3339(start),
        end: rfc3339(end),
        period_secs,
        series,
    })
}

fn to_query(id: &str, q: &MetricQuery, period_secs: u32) -> MetricDataQuery {
    let dimensions = q
        .dimensions
        .iter()
        .map(|(name, value)| Dimension::builder().name(name).value(value).build())
        .collect();
    let metric = Metric::builder()
        .namespace(&q.namespace)
        .metric_name(&q.metric)
        .set_dimensions(Some(dimensions))
        .build();
    MetricDataQuery::builder()
        .id(id)
        .metric_stat(
            MetricStat::builder()
                .metric(metric)
                .period(period_secs as i32)
                .stat(&q.stat)
                .build(),
        )
        .return_data(true)
        .build()
}

/// The datapoints of one query (over its pages) put in their periods; a period without one
/// stays `None`.
fn aligned(
    parts: &[&MetricDataResult],
    start: i64,
    period_secs: u32,
    periods: usize,
) -> MetricSeries {
    let mut values = vec![None; periods];
    let mut status = String::new();
    let mut messages = Vec::new();
    for r in parts {
        for (t, v) in r.timestamps().iter().zip(r.values()) {
            let offset = t.secs() - start;
            if offset >= 0 {
                let i = (offset / i64::from(period_secs.max(1))) as usize;
                if let Some(slot) = values.get_mut(i) {
                    *slot = Some(slot.unwrap_or(0.0) + v);
                }
            }
        }
        if let Some(s) = r.status_code() {
            status = s.as_str().to_string();
        }
        messages.extend(r.messages().iter().filter_map(|m| {
            let text = [m.code(), m.value()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(": ");
            (!text.is_empty()).then_some(text)
        }));
    }
    MetricSeries {
        values,
        status,
        messages,
    }
}

fn rfc3339(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_ends_at_the_last_whole_period() {
        assert_eq!(window_at(1_000_059, 900, 60), (1_000_020 - 900, 1_000_020));
        assert_eq!(window_at(1_000_020, 900, 60), (999_120, 1_000_020));
    }

    #[test]
    fn datapoints_land_in_their_periods_and_gaps_stay_none() {
        let r = MetricDataResult::builder()
            .id("q0")
            .timestamps(DateTime::from_secs(1_060))
            .values(3.0)
            .timestamps(DateTime::from_secs(1_000))
            .values(1.0)
            .timestamps(DateTime::from_secs(5_000))
            .values(9.0)
            .build();
        let s = aligned(&[&r], 1_000, 60, 3);
        assert_eq!(s.values, vec![Some(1.0), Some(3.0), None]);
    }
}
