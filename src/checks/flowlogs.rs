//! `traffic.flow_log_rejects`: what the VPC flow logs of the endpoint's interfaces, subnets
//! or VPC saw rejected in the last 15 minutes (one bounded Logs Insights query), and the same
//! rows as evidence on the security-group and network-ACL checks. The tool never creates a
//! flow log; without one it says so and gives the read-only commands to look later.

use ipnet::IpNet;

use super::sg::{narrow, resolve_client};
use super::*;
use crate::facts::aws::{QUERY_ROW_LIMIT, QUERY_WINDOW};
use crate::facts::model::{FlowLog, RejectQuery};

/// The fields a REJECT row needs, as flow-log format fields and as the names Logs Insights
/// discovers for the default format.
const NEEDED: &[(&str, &str)] = &[
    ("interface-id", "interfaceId"),
    ("srcaddr", "srcAddr"),
    ("dstaddr", "dstAddr"),
    ("dstport", "dstPort"),
    ("action", "action"),
];

/// The default flow-log format (version 2), whose fields Logs Insights discovers by itself.
pub const DEFAULT_FORMAT: &str = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}";

/// At most this many client addresses go into the query.
const MAX_CLIENT_ADDRS: usize = 16;
/// At most this many distinct log formats are queried (one query each).
const MAX_QUERIES: usize = 2;

/// What the flow logs can say about the endpoint.
#[derive(Debug, Clone)]
pub(super) enum Flows {
    /// No flow log records its interfaces, subnets or VPC.
    None { resources: Vec<String> },
    /// Flow logs exist, but none can be queried (why, per flow log).
    Unqueried {
        logs: Vec<FlowLog>,
        notes: Vec<String>,
    },
    /// A fleet scan: the logs are named, the query is not run.
    Skipped {
        logs: Vec<FlowLog>,
        notes: Vec<String>,
    },
    /// The query ran (one per distinct log format).
    Queried {
        logs: Vec<FlowLog>,
        notes: Vec<String>,
        answers: Vec<RejectQuery>,
        /// The client's addresses the query was narrowed to (`--from`), if any.
        clients: Vec<IpNet>,
    },
}

/// A flow log's format fields (`${srcaddr}` → `srcaddr`); the default when it reads empty.
fn format_fields(log: &FlowLog) -> Vec<String> {
    let format = if log.log_format.trim().is_empty() {
        DEFAULT_FORMAT
    } else {
        &log.log_format
    };
    format
        .split_whitespace()
        .map(|f| f.trim_start_matches("${").trim_end_matches('}').to_string())
        .collect()
}

fn is_default(log: &FlowLog) -> bool {
    format_fields(log).join(" ") == DEFAULT_FORMAT.replace(['$', '{', '}'], "")
}

/// Why this flow log cannot answer the query, or `None` when it can.
fn unqueryable(log: &FlowLog) -> Option<String> {
    let id = &log.id;
    if !log
        .destination_type
        .eq_ignore_ascii_case("cloud-watch-logs")
    {
        return Some(crate::t!(
            "flowlogs-not-cloudwatch",
            id = id,
            kind = &log.destination_type,
            destination = log.destination.as_deref().unwrap_or("—")
        ));
    }
    if log.traffic_type.eq_ignore_ascii_case("ACCEPT") {
        return Some(crate::t!("flowlogs-accept-only", id = id));
    }
    if log.deliver_status.eq_ignore_ascii_case("FAILED") {
        return Some(crate::t!(
            "flowlogs-delivery-failed",
            id = id,
            reason = log
                .deliver_error
                .clone()
                .unwrap_or_else(|| crate::t!("flowlogs-no-reason"))
        ));
    }
    if log.log_group.is_none() {
        return Some(crate::t!("flowlogs-no-log-group", id = id));
    }
    let fields = format_fields(log);
    let missing: Vec<&str> = NEEDED
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| !fields.iter().any(|x| x == f))
        .collect();
    if !missing.is_empty() {
        return Some(crate::t!(
            "flowlogs-format-lacks",
            id = id,
            fields = missing
                .iter()
                .map(|f| format!("${{{f}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    None
}

/// A name Logs Insights accepts for a custom format's field (`pkt-srcaddr` → `pktSrcaddr`),
/// the discovered names for the fields the query reads.
fn field_name(field: &str) -> String {
    if let Some((_, name)) = NEEDED.iter().find(|(f, _)| *f == field) {
        return (*name).to_string();
    }
    let mut out = String::new();
    let mut upper = false;
    for c in field.chars() {
        if c == '-' || c == '_' {
            upper = true;
        } else if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        }
    }
    out
}

/// The Logs Insights query: the REJECT records of `enis` (and, when named, to or from
/// `clients`), counted by source, destination, port and interface. A custom format is parsed
/// from `@message` first (Logs Insights discovers the default format's fields by itself).
pub(super) fn query_text(fields: Option<&[String]>, enis: &[String], clients: &[IpNet]) -> String {
    let mut q = String::new();
    if let Some(fields) = fields {
        let names: Vec<String> = fields.iter().map(|f| field_name(f)).collect();
        q.push_str(&format!(
            "parse @message \"{}\" as {}\n| ",
            vec!["*"; fields.len()].join(" "),
            names.join(", ")
        ));
    }
    // Ids go into the query text: only well-formed ones.
    let enis: Vec<String> = enis
        .iter()
        .filter(|e| {
            e.strip_prefix("eni-")
                .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric()))
        })
        .map(|e| format!("\"{e}\""))
        .collect();
    q.push_str(&format!(
        "filter action = \"REJECT\" and interfaceId in [{}]",
        enis.join(", ")
    ));
    if !clients.is_empty() {
        let tests: Vec<String> = clients
            .iter()
            .flat_map(|c| {
                [
                    format!("isIpInSubnet(srcAddr, \"{c}\")"),
                    format!("isIpInSubnet(dstAddr, \"{c}\")"),
                ]
            })
            .collect();
        q.push_str(&format!(" and ({})", tests.join(" or ")));
    }
    q.push_str(&format!(
        "\n| stats count(*) as rejects by srcAddr, dstAddr, dstPort, interfaceId\n| sort rejects desc\n| limit {QUERY_ROW_LIMIT}"
    ));
    q
}

/// The flow logs of the endpoint and, unless this is a fleet scan, the one query's answer.
/// The same facts (memoised) serve this check and the evidence of the SG and ACL checks.
pub(super) async fn observe(ctx: &Ctx, ep: &Endpoint) -> Result<Flows, FactError> {
    let resources = ep.flow_log_resources();
    let logs = ctx.facts.flow_logs(&resources).await?;
    if logs.is_empty() {
        return Ok(Flows::None { resources });
    }
    let mut notes = Vec::new();
    // Log groups by format: one query per format.
    let mut by_format: Vec<(Option<Vec<String>>, Vec<String>)> = Vec::new();
    for log in &logs {
        if let Some(why) = unqueryable(log) {
            notes.push(why);
            continue;
        }
        let fields = (!is_default(log)).then(|| format_fields(log));
        let group = log.log_group.clone().unwrap_or_default();
        match by_format.iter_mut().find(|(f, _)| *f == fields) {
            Some((_, groups)) if !groups.contains(&group) => groups.push(group),
            Some(_) => {}
            None => by_format.push((fields, vec![group])),
        }
    }
    if by_format.is_empty() {
        return Ok(Flows::Unqueried { logs, notes });
    }
    if ctx.run.fleet {
        notes.push(crate::t!("flowlogs-fleet", id = &ep.id));
        return Ok(Flows::Skipped { logs, notes });
    }
    for (fields, groups) in by_format.iter().skip(MAX_QUERIES) {
        notes.push(crate::t!(
            "flowlogs-not-queried",
            groups = join(groups),
            format = if fields.is_some() {
                "custom"
            } else {
                "default"
            },
            max = MAX_QUERIES
        ));
    }
    let clients: Vec<IpNet> = match resolve_client(ctx, ep).await {
        Ok(Some(c)) => narrow(c, super::family::served(ep)).addrs(),
        _ => Vec::new(),
    }
    .into_iter()
    .take(MAX_CLIENT_ADDRS)
    .collect();
    let mut answers = Vec::new();
    for (fields, groups) in by_format.iter().take(MAX_QUERIES) {
        let query = query_text(fields.as_deref(), &ep.network_interface_ids, &clients);
        answers.push(ctx.facts.flow_log_rejects(groups, &query).await?);
    }
    Ok(Flows::Queried {
        logs,
        notes,
        answers,
        clients,
    })
}

/// The read-only commands to look later: the flow logs of the endpoint, and the query the
/// tool runs once someone has enabled them.
fn look_later(ctx: &Ctx, ep: &Endpoint, resources: &[String]) -> (String, String) {
    let args = ctx.run.cli_args(false);
    let describe = format!(
        "aws ec2 describe-flow-logs --filter Name=resource-id,Values={}{args}",
        resources.join(",")
    );
    let query = query_text(None, &ep.network_interface_ids, &[]).replace('\n', " ");
    let start = format!(
        "aws logs start-query --log-group-names \"$FLOW_LOG_GROUP\" --start-time $(($(date +%s)-{})) --end-time $(date +%s) --limit {QUERY_ROW_LIMIT} --query-string '{query}'{args}",
        QUERY_WINDOW.as_secs()
    );
    (describe, start)
}

fn log_rows(logs: &[FlowLog]) -> Vec<Vec<String>> {
    logs.iter()
        .map(|l| {
            vec![
                l.id.clone(),
                l.resource_id.clone(),
                l.traffic_type.clone(),
                l.log_group
                    .clone()
                    .or_else(|| l.destination.clone())
                    .unwrap_or_else(|| l.destination_type.clone()),
                format!("{} / {}", l.status, l.deliver_status),
            ]
        })
        .collect()
}

fn with_logs(o: Outcome, logs: &[FlowLog], notes: &[String]) -> Outcome {
    let mut o = o.table(
        crate::t!("flowlogs-field-flow-logs"),
        &[
            &crate::t!("flowlogs-col-flow-log"),
            &crate::t!("flowlogs-col-records"),
            &crate::t!("flowlogs-col-traffic"),
            &crate::t!("flowlogs-col-destination"),
            &crate::t!("flowlogs-col-status"),
        ],
        log_rows(logs),
    );
    if !notes.is_empty() {
        o = o.field(crate::t!("flowlogs-field-not-read"), notes.join("; "));
    }
    o
}

/// The REJECT rows of every answer, most first.
fn reject_rows(answers: &[RejectQuery]) -> Vec<Vec<String>> {
    let mut rows: Vec<&crate::facts::model::RejectRow> =
        answers.iter().flat_map(|a| a.rows.iter()).collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.rejects));
    rows.iter()
        .map(|r| {
            vec![
                r.source.clone(),
                r.destination.clone(),
                r.port.clone(),
                r.interface.clone(),
                r.rejects.to_string(),
            ]
        })
        .collect()
}

/// "the last 15 minutes (2026-12-02T16:40:00Z – 16:55:00Z)", and "incomplete" when a query
/// was still running at the time limit.
fn window_text(answers: &[RejectQuery]) -> String {
    let Some(first) = answers.first() else {
        return String::new();
    };
    let minutes = QUERY_WINDOW.as_secs() / 60;
    let unfinished: Vec<&RejectQuery> = answers.iter().filter(|a| !a.complete()).collect();
    match unfinished.first() {
        None => crate::t!(
            "flowlogs-window",
            minutes = minutes,
            start = &first.start,
            end = &first.end
        ),
        Some(a) => crate::t!(
            "flowlogs-window-incomplete",
            minutes = minutes,
            start = &first.start,
            end = &first.end,
            status = &a.status,
            secs = a.waited_secs
        ),
    }
}

/// The columns of the REJECT rows (source, destination, port, interface, rejects), in the
/// reader's language.
fn reject_columns() -> Vec<String> {
    vec![
        crate::t!("flowlogs-col-source"),
        crate::t!("flowlogs-col-destination"),
        crate::t!("flowlogs-col-port"),
        crate::t!("flowlogs-col-interface"),
        crate::t!("flowlogs-col-rejects"),
    ]
}

pub async fn flow_log_rejects(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = interface_endpoint_or(ctx, &crate::t!("flowlogs-gateway-why")).await?;
    let flows = observe(ctx, &ep)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    Ok(match flows {
        Flows::None { resources } => {
            let (describe, start) = look_later(ctx, &ep, &resources);
            // Most endpoints have none: said plainly, without a finding of its own.
            Outcome::not_applicable(crate::t!("flowlogs-none", id = &ep.id))
                .field(
                    crate::t!("flowlogs-field-flow-logs"),
                    crate::t!("flowlogs-none-on", resources = resources.join(", ")),
                )
                .field(crate::t!("flowlogs-field-look-later"), describe)
                .field(crate::t!("flowlogs-field-once"), start)
        }
        Flows::Unqueried { logs, notes } => with_logs(
            Outcome::advice(crate::t!(
                "flowlogs-unqueried",
                count = logs.len(),
                id = &ep.id,
                notes = notes.join("; ")
            )),
            &logs,
            &[],
        ),
        Flows::Skipped { logs, notes } => with_logs(
            Outcome::not_applicable(crate::t!(
                "flowlogs-skipped",
                id = &ep.id,
                note = notes.last().cloned().unwrap_or_default()
            )),
            &logs,
            &notes,
        ),
        Flows::Queried {
            logs,
            notes,
            answers,
            clients,
        } => {
            let (ports, _) = super::sg::ports_in_use(ctx, &ep).await;
            judge(&ep, &logs, &notes, &answers, &clients, &ports)
        }
    })
}

fn judge(
    ep: &Endpoint,
    logs: &[FlowLog],
    notes: &[String],
    answers: &[RejectQuery],
    clients: &[IpNet],
    ports: &[u16],
) -> Outcome {
    let rows = reject_rows(answers);
    // A client's REJECT is the path's only on the service's ports, or as the answer coming
    // back to it: a ping or a probe of another port being refused is not the incident.
    let on_path = answers.iter().flat_map(|a| a.rows.iter()).any(|r| {
        ports.is_empty()
            || r.port.parse().is_ok_and(|p: u16| ports.contains(&p))
            || r.destination
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| clients.iter().any(|c| c.contains(&ip)))
    });
    let window = window_text(answers);
    let total: u64 = answers
        .iter()
        .flat_map(|a| a.rows.iter())
        .map(|r| r.rejects)
        .sum();
    let who = join(clients);
    let complete = answers.iter().all(RejectQuery::complete);
    let o = if rows.is_empty() && complete && clients.is_empty() {
        Outcome::pass(crate::t!("flowlogs-pass", id = &ep.id, window = &window))
    } else if rows.is_empty() && complete {
        Outcome::pass(crate::t!(
            "flowlogs-pass-client",
            id = &ep.id,
            clients = &who,
            window = &window
        ))
    } else if rows.is_empty() {
        Outcome::unknown(crate::t!("flowlogs-query-unfinished", window = &window))
    } else if !clients.is_empty() && on_path {
        // The named client's own packets were rejected at the endpoint's interfaces.
        Outcome::fail(crate::t!(
            "flowlogs-client-rejected",
            total = total,
            clients = &who,
            id = &ep.id,
            window = &window
        ))
    } else if !clients.is_empty() {
        Outcome::warn(crate::t!(
            "flowlogs-client-rejected-off-path",
            total = total,
            clients = &who,
            id = &ep.id,
            window = &window,
            ports = ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    } else {
        Outcome::warn(crate::t!(
            "flowlogs-rejected",
            total = total,
            id = &ep.id,
            window = &window
        ))
    };
    let o = o.field(crate::t!("flowlogs-field-window"), window);
    let o = if rows.is_empty() {
        o
    } else {
        o.table(
            crate::t!("flowlogs-table-rejected"),
            &reject_columns()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            rows,
        )
    };
    with_logs(o, logs, notes)
}

/// The flow logs' REJECT rows as evidence on a static check (the SG and ACL checks): added
/// only when the query ran; the check's verdict does not change.
pub(super) async fn rejects_evidence(ctx: &Ctx, ep: &Endpoint, outcome: Outcome) -> Outcome {
    let Ok(Flows::Queried { answers, .. }) = observe(ctx, ep).await else {
        return outcome;
    };
    let rows = reject_rows(&answers);
    let window = window_text(&answers);
    if rows.is_empty() {
        return outcome.field(
            crate::t!("flowlogs-field-flow-logs"),
            crate::t!("flowlogs-no-reject-seen", window = &window),
        );
    }
    outcome.table(
        crate::t!("flowlogs-table-rejected-in", window = &window),
        &reject_columns()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(format: &str) -> FlowLog {
        FlowLog {
            id: "fl-1".into(),
            resource_id: "eni-1".into(),
            traffic_type: "ALL".into(),
            destination_type: "cloud-watch-logs".into(),
            log_group: Some("flows".into()),
            destination: None,
            status: "ACTIVE".into(),
            deliver_status: "SUCCESS".into(),
            deliver_error: None,
            log_format: format.into(),
        }
    }

    #[test]
    fn the_default_format_uses_the_discovered_fields_and_a_custom_one_is_parsed() {
        assert!(is_default(&log(DEFAULT_FORMAT)) && is_default(&log("")));
        let q = query_text(None, &["eni-0a1".into(), "eni-x\"]".into()], &[]);
        assert!(q.starts_with("filter action = \"REJECT\" and interfaceId in [\"eni-0a1\"]"));
        assert!(q.contains("stats count(*) as rejects by srcAddr, dstAddr, dstPort, interfaceId"));
        assert!(q.ends_with("limit 50"), "{q}");
        let custom =
            log("${interface-id} ${pkt-srcaddr} ${srcaddr} ${dstaddr} ${dstport} ${action}");
        assert!(!is_default(&custom) && unqueryable(&custom).is_none());
        let q = query_text(
            Some(&format_fields(&custom)),
            &["eni-1".into()],
            &["10.0.1.5/32".parse().unwrap()],
        );
        assert!(
            q.starts_with("parse @message \"* * * * * *\" as interfaceId, pktSrcaddr, srcAddr, dstAddr, dstPort, action\n| filter"),
            "{q}"
        );
        assert!(q.contains(
            "(isIpInSubnet(srcAddr, \"10.0.1.5/32\") or isIpInSubnet(dstAddr, \"10.0.1.5/32\"))"
        ));
    }

    #[test]
    fn a_log_that_cannot_answer_says_why() {
        let lacking = log("${version} ${interface-id} ${srcaddr} ${action}");
        let why = unqueryable(&lacking).unwrap();
        assert!(why.contains("lacks ${dstaddr}, ${dstport}"), "{why}");
        let mut failed = log(DEFAULT_FORMAT);
        failed.deliver_status = "FAILED".into();
        failed.deliver_error = Some("Access error".into());
        assert!(unqueryable(&failed).unwrap().contains("holds nothing"));
        let mut s3 = log(DEFAULT_FORMAT);
        s3.destination_type = "s3".into();
        assert!(unqueryable(&s3).unwrap().contains("CloudWatch Logs only"));
        let mut accepts = log(DEFAULT_FORMAT);
        accepts.traffic_type = "ACCEPT".into();
        assert!(
            unqueryable(&accepts)
                .unwrap()
                .contains("accepted traffic only")
        );
    }

    use crate::checks::test_world::{EP, World};
    use crate::engine::outcome::{Evidence, Status};
    use crate::facts::{FactError, FactKey, FactValue};

    fn resources(w: &World) -> Vec<String> {
        w.endpoint().flow_log_resources()
    }

    /// The healthy world with one flow log on the VPC and the query's answer.
    fn with_flows(rows: Vec<crate::facts::model::RejectRow>, status: &str) -> World {
        let w = World::healthy();
        let ep = w.endpoint();
        let mut fl = log(DEFAULT_FORMAT);
        fl.resource_id = ep.vpc_id.clone();
        let query = query_text(None, &ep.network_interface_ids, &[]);
        let ids = resources(&w);
        w.with(
            FactKey::FlowLogs { resource_ids: ids },
            FactValue::FlowLogs(vec![fl]),
        )
        .with(
            FactKey::FlowLogRejects {
                log_groups: vec!["flows".into()],
                query,
            },
            FactValue::RejectQuery(RejectQuery {
                start: "2026-12-02T16:40:00Z".into(),
                end: "2026-12-02T16:55:00Z".into(),
                status: status.into(),
                waited_secs: 5,
                rows,
            }),
        )
    }

    fn reject(n: u64) -> crate::facts::model::RejectRow {
        crate::facts::model::RejectRow {
            source: "10.40.9.9".into(),
            destination: "10.40.1.87".into(),
            port: "443".into(),
            interface: "eni-0d4c3b2a19f8e7d60".into(),
            rejects: n,
        }
    }

    fn table<'a>(o: &'a Outcome, starts: &str) -> Option<&'a Vec<Vec<String>>> {
        o.evidence.iter().find_map(|e| match e {
            Evidence::Table { title, rows, .. } if title.starts_with(starts) => Some(rows),
            _ => None,
        })
    }

    #[tokio::test]
    async fn no_flow_logs_is_said_with_the_read_only_commands_and_no_sg_evidence() {
        let o = World::healthy().eval("traffic.flow_log_rejects").await;
        assert_eq!(o.status, Status::NotApplicable, "{o:?}");
        assert!(o.summary.contains("never creates flow logs"));
        let text = format!("{:?}", o.evidence);
        assert!(text.contains("aws ec2 describe-flow-logs --filter Name=resource-id,Values="));
        assert!(text.contains("aws logs start-query --log-group-names"));
        assert!(text.contains("--profile prod --region us-east-1"));
        let sg = World::healthy().eval("endpoint.security_groups").await;
        assert!(!format!("{:?}", sg.evidence).contains("flow logs"));
    }

    #[tokio::test]
    async fn rejects_warn_without_a_client_and_become_evidence_on_the_static_checks() {
        let o = with_flows(vec![reject(7)], "Complete")
            .eval("traffic.flow_log_rejects")
            .await;
        assert_eq!(o.status, Status::Warn, "{o:?}");
        assert!(o.summary.contains("7 REJECTs"), "{}", o.summary);
        assert_eq!(table(&o, "rejected traffic").unwrap()[0][4], "7");
        for id in ["endpoint.security_groups", "endpoint.nacls"] {
            let healthy = World::healthy().eval(id).await;
            let o = with_flows(vec![reject(7)], "Complete").eval(id).await;
            // Evidence only: the verdict of the reading stands.
            assert_eq!(o.status, healthy.status, "{id}");
            let rows = table(&o, "flow logs: rejected in the last 15 minutes")
                .unwrap_or_else(|| panic!("{id}: {:?}", o.evidence));
            assert_eq!(
                rows[0],
                [
                    "10.40.9.9",
                    "10.40.1.87",
                    "443",
                    "eni-0d4c3b2a19f8e7d60",
                    "7"
                ]
            );
        }
    }

    /// A named client's REJECT fails the path only on the service's ports or as the answer
    /// coming back to it; its ping or a probe of another port refused is a warning.
    #[test]
    fn a_client_refused_off_the_service_ports_is_not_the_path_failing() {
        let ep = World::healthy().endpoint();
        let client: IpNet = "10.40.9.9/32".parse().unwrap();
        let judged = |source: &str, destination: &str, port: &str| {
            let row = crate::facts::model::RejectRow {
                source: source.into(),
                destination: destination.into(),
                port: port.into(),
                ..reject(3)
            };
            let answer = RejectQuery {
                start: "2026-12-02T16:40:00Z".into(),
                end: "2026-12-02T16:55:00Z".into(),
                status: "Complete".into(),
                waited_secs: 1,
                rows: vec![row],
            };
            judge(&ep, &[], &[], &[answer], &[client], &[443]).status
        };
        assert_eq!(judged("10.40.9.9", "10.40.1.87", "443"), Status::Fail);
        assert_eq!(judged("10.40.1.87", "10.40.9.9", "51515"), Status::Fail);
        assert_eq!(judged("10.40.9.9", "10.40.1.87", "80"), Status::Warn);
    }

    #[tokio::test]
    async fn no_rejects_pass_and_a_query_cut_short_says_incomplete() {
        let o = with_flows(vec![], "Complete")
            .eval("traffic.flow_log_rejects")
            .await;
        assert_eq!(o.status, Status::Pass, "{o:?}");
        let o = with_flows(vec![], "Running")
            .eval("traffic.flow_log_rejects")
            .await;
        assert_eq!(o.status, Status::Unknown, "{o:?}");
        let o = with_flows(vec![reject(2)], "Running")
            .eval("traffic.flow_log_rejects")
            .await;
        assert!(
            o.summary
                .contains("incomplete: the query was Running after 5s"),
            "{}",
            o.summary
        );
    }

    #[tokio::test]
    async fn a_failed_delivery_holds_nothing_and_a_denied_query_is_unknown() {
        let w = World::healthy();
        let ids = resources(&w);
        let mut fl = log(DEFAULT_FORMAT);
        fl.deliver_status = "FAILED".into();
        fl.deliver_error = Some("Access error".into());
        let o = w
            .with(
                FactKey::FlowLogs { resource_ids: ids },
                FactValue::FlowLogs(vec![fl]),
            )
            .eval("traffic.flow_log_rejects")
            .await;
        assert_eq!(o.status, Status::Advice);
        assert!(
            o.summary
                .contains("delivery FAILED (Access error): the log holds nothing")
        );

        let ep = World::healthy().endpoint();
        let o = with_flows(vec![], "Complete")
            .with_err(
                FactKey::FlowLogRejects {
                    log_groups: vec!["flows".into()],
                    query: query_text(None, &ep.network_interface_ids, &[]),
                },
                FactError::AccessDenied {
                    operation: "StartQuery".into(),
                    action: "logs:StartQuery".into(),
                    code: "AccessDeniedException".into(),
                    message: String::new(),
                },
            )
            .eval("traffic.flow_log_rejects")
            .await;
        assert_eq!(o.status, Status::Unknown);
        assert!(o.summary.contains("needs logs:StartQuery"), "{}", o.summary);
    }

    #[tokio::test]
    async fn a_fleet_diagnosis_runs_no_query_and_an_old_snapshot_is_unknown() {
        let o = with_flows(vec![reject(7)], "Complete")
            .eval_with("traffic.flow_log_rejects", |run| run.fleet = true)
            .await;
        assert_eq!(o.status, Status::NotApplicable, "{o:?}");
        assert!(
            o.summary.contains(&format!("vpce-doctor check {EP}")),
            "{}",
            o.summary
        );
        let w = World::healthy();
        let ids = resources(&w);
        let o = w
            .with_err(
                FactKey::FlowLogs { resource_ids: ids },
                FactError::NotRecorded {
                    what: "flow logs".into(),
                },
            )
            .eval("traffic.flow_log_rejects")
            .await;
        assert_eq!(o.status, Status::Unknown);
    }
}
