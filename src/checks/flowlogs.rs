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
        return Some(format!(
            "{id} publishes to {} ({}): the tool queries CloudWatch Logs only; look there (Athena for S3)",
            log.destination_type,
            log.destination.as_deref().unwrap_or("—")
        ));
    }
    if log.traffic_type.eq_ignore_ascii_case("ACCEPT") {
        return Some(format!(
            "{id} records accepted traffic only: rejections are not in it"
        ));
    }
    if log.deliver_status.eq_ignore_ascii_case("FAILED") {
        return Some(format!(
            "{id}: delivery FAILED ({}): the log holds nothing",
            log.deliver_error.as_deref().unwrap_or("no reason given")
        ));
    }
    if log.log_group.is_none() {
        return Some(format!("{id} names no log group"));
    }
    let fields = format_fields(log);
    let missing: Vec<&str> = NEEDED
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| !fields.iter().any(|x| x == f))
        .collect();
    if !missing.is_empty() {
        return Some(format!(
            "{id}: its log format lacks {}: the rejected source, port or interface cannot be read",
            missing
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
        notes.push(format!(
            "fleet scans run no Logs Insights query (one per endpoint would scan every log group again): run `vpce-doctor check {}` for this endpoint's REJECTs",
            ep.id
        ));
        return Ok(Flows::Skipped { logs, notes });
    }
    for (fields, groups) in by_format.iter().skip(MAX_QUERIES) {
        notes.push(format!(
            "{} ({}) not queried: at most {MAX_QUERIES} log formats are queried in one run",
            join(groups),
            if fields.is_some() {
                "custom format"
            } else {
                "default format"
            }
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
        "flow logs",
        &[
            "flow log",
            "records",
            "traffic",
            "destination",
            "status / delivery",
        ],
        log_rows(logs),
    );
    if !notes.is_empty() {
        o = o.field("not read", notes.join("; "));
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
    let mut text = format!(
        "the last {} minutes ({} – {})",
        QUERY_WINDOW.as_secs() / 60,
        first.start,
        first.end
    );
    let unfinished: Vec<&RejectQuery> = answers.iter().filter(|a| !a.complete()).collect();
    if let Some(a) = unfinished.first() {
        text.push_str(&format!(
            "; incomplete: the query was {} after {}s (the time limit), so these rows may be fewer than the log holds",
            a.status, a.waited_secs
        ));
    }
    text
}

pub const REJECTS_COLUMNS: &[&str] = &["source", "destination", "port", "interface", "rejects"];

pub async fn flow_log_rejects(ctx: &Ctx) -> Result<Outcome, Outcome> {
    let ep = interface_endpoint_or(
        ctx,
        "have no network interfaces of their own; flow logs of the clients' subnets show their traffic",
    )
    .await?;
    let flows = observe(ctx, &ep)
        .await
        .map_err(|e| could_not_tell(ctx, &e, false))?;
    Ok(match flows {
        Flows::None { resources } => {
            let (describe, start) = look_later(ctx, &ep, &resources);
            // Most endpoints have none: said plainly, without a finding of its own.
            Outcome::not_applicable(format!(
                "no flow log records {}'s interfaces, subnets or VPC: what the traffic did is not observed (this tool never creates flow logs)",
                ep.id
            ))
            .field("flow logs", format!("none on {}", resources.join(", ")))
            .field("look later (read-only)", describe)
            .field(
                "once flow logs publish to CloudWatch Logs (set FLOW_LOG_GROUP)",
                start,
            )
        }
        Flows::Unqueried { logs, notes } => with_logs(
            Outcome::advice(format!(
                "{} flow log{} of {} but none can be queried here: {}",
                logs.len(),
                if logs.len() == 1 { "" } else { "s" },
                ep.id,
                notes.join("; ")
            )),
            &logs,
            &[],
        ),
        Flows::Skipped { logs, notes } => with_logs(
            Outcome::not_applicable(format!(
                "{} has flow logs; {}",
                ep.id,
                notes.last().cloned().unwrap_or_default()
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
    let who = if clients.is_empty() {
        String::new()
    } else {
        format!(" to or from {} (--from)", join(clients))
    };
    let complete = answers.iter().all(RejectQuery::complete);
    let o = if rows.is_empty() && complete {
        Outcome::pass(format!(
            "no REJECT in the flow logs of {}'s interfaces{who} in {window}",
            ep.id
        ))
    } else if rows.is_empty() {
        Outcome::unknown(format!(
            "could not check: the Logs Insights query did not finish in time ({window})"
        ))
    } else if !clients.is_empty() && on_path {
        // The named client's own packets were rejected at the endpoint's interfaces.
        Outcome::fail(format!(
            "the flow logs saw {total} REJECT{}{who} at {}'s interfaces in {window}: security groups or network ACLs drop this traffic",
            if total == 1 { "" } else { "s" },
            ep.id
        ))
    } else if !clients.is_empty() {
        Outcome::warn(format!(
            "the flow logs saw {total} REJECT{}{who} at {}'s interfaces in {window}, none on the service's ports {}: not this path's traffic",
            if total == 1 { "" } else { "s" },
            ep.id,
            ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    } else {
        Outcome::warn(format!(
            "the flow logs saw {total} REJECT{} at {}'s interfaces in {window}: some sources are dropped (pass --from to judge a given client)",
            if total == 1 { "" } else { "s" },
            ep.id
        ))
    };
    let o = o.field("window", window);
    let o = if rows.is_empty() {
        o
    } else {
        o.table("rejected traffic", REJECTS_COLUMNS, rows)
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
        return outcome.field("flow logs", format!("no REJECT seen in {window}"));
    }
    outcome.table(
        format!("flow logs: rejected in {window}"),
        REJECTS_COLUMNS,
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
