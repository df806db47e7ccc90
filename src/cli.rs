//! The command line (clap). Parsing only: every value is validated here so bad input is
//! reported in one line with exit code 2.

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod help;
use std::time::Duration;

use crate::color::ColorChoice;
pub use crate::context::parse_target;
use crate::context::{ClientSource, VantageChoice, is_resource_suffix};
pub use crate::report::Format;
use crate::session::EndpointFilter;

#[derive(Debug, Parser)]
#[command(
    name = "vpce-doctor",
    version,
    about = "Find out why traffic through an AWS PrivateLink / VPC endpoint is not flowing",
    long_about = "Runs the PrivateLink troubleshooting checklist against a VPC endpoint as a graph of read-only checks \
(Describe*/Get*/List* only) and shows the root cause first, the evidence, and the exact fix.\n\n\
Without a command, on a terminal: opens the endpoint picker.\n\n\
Exit codes: 0 no check failed · 1 a check failed · 2 bad input · 3 nothing failed but something could not be checked."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The vpce-doctor config file (default: $XDG_CONFIG_HOME/vpce-doctor/config.toml, else
    /// ~/.config/vpce-doctor/config.toml; or VPCE_DOCTOR_CONFIG). Flags and the environment
    /// win over it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<String>,
    /// Colour the output: auto (only on a terminal, and not when NO_COLOR is set; set
    /// CLICOLOR_FORCE to colour into a pipe), always, or never. The flag wins over both
    /// variables. Applies to the text reports, the interactive view and --help.
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// The language of everything a person reads: en or ko (Korean). Without it: the config
    /// file's `lang`, else the locale (LC_ALL, LC_MESSAGES, LANG starting with `ko`), else
    /// English. Ids, JSON keys and commands stay English.
    #[arg(long, global = true, value_name = "LANG", value_enum)]
    pub lang: Option<LangArg>,
}

/// `--lang`: the command line's spelling of [`crate::i18n::Lang`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ko,
}

impl From<LangArg> for crate::i18n::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => crate::i18n::Lang::En,
            LangArg::Ko => crate::i18n::Lang::Ko,
        }
    }
}

/// `--color`: the command line's spelling of [`ColorChoice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(c: ColorArg) -> Self {
        match c {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

/// The `--color` of a command line not parsed yet, for the colour of clap's own help and
/// errors (which are printed while parsing, before the parsed flag exists). A value clap
/// will reject counts as absent: the rejection is then reported without colour questions.
pub fn color_in_args<I, S>(args: I) -> Option<ColorArg>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    value_in_args(args, "--color")
}

/// The `--lang` of a command line not parsed yet, for the language of clap's help (printed
/// while parsing), read as [`color_in_args`] reads `--color`.
pub fn lang_in_args<I, S>(args: I) -> Option<crate::i18n::Lang>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    value_in_args::<LangArg, _, _>(args, "--lang").map(Into::into)
}

/// The last valid value of `flag` (`--flag V` or `--flag=V`) before any `--`, as clap takes
/// it; a value clap would reject counts as absent.
fn value_in_args<T: ValueEnum, I, S>(args: I, flag: &str) -> Option<T>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let joined = format!("{flag}=");
    let mut found = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.as_ref().to_string_lossy().into_owned();
        let value = if arg == "--" {
            break;
        } else if arg == flag {
            args.next()
                .map(|v| v.as_ref().to_string_lossy().into_owned())
        } else {
            arg.strip_prefix(&joined).map(str::to_string)
        };
        if let Some(value) = value {
            found = T::from_str(&value, false).ok();
        }
    }
    found
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Diagnose one endpoint and print the verdict (headless).
    Check(Box<CheckArgs>),
    /// Diagnose interactively: the live check graph, evidence and fixes (no TARGET: the
    /// endpoint picker).
    Tui(Box<TuiArgs>),
    /// Open the interactive view on a bundled scenario: no AWS account, no network.
    Demo(DemoArgs),
    /// Diagnose every endpoint of the account (or every connection of a service, from its
    /// owner's side) and print a table: worst status and root cause per endpoint.
    Scan(Box<ScanArgs>),
    /// Walk a guided runbook step by step (TUI), or run it through (--format).
    Runbook(Box<RunbookArgs>),
    /// Check every VPC endpoint a private workload needs (ECR pulls, EKS nodes, Session
    /// Manager, ECS on Fargate, Lambda, STS) in one VPC: one row per service, root causes
    /// first, with the commands that fix them.
    Workload(Box<WorkloadArgs>),
    /// Judge one request against the policies on its path (the endpoint policy, and the
    /// bucket policy behind an S3 endpoint) with the context a request through the endpoint
    /// carries: allowed, denied (by which statement and condition), or depending on a key the
    /// tool cannot know. Offline with --endpoint-policy FILE, to try a change before applying it.
    PolicyTest(Box<PolicyTestArgs>),
    /// Print the least-privilege read-only IAM policy (JSON) each account needs.
    IamPolicy {
        /// Only the consumer account's policy (the endpoint's owner).
        #[arg(long, conflicts_with = "provider")]
        consumer: bool,
        /// Only the provider account's policy (the service owner).
        #[arg(long, conflicts_with = "org")]
        provider: bool,
        /// Only what the caller of `scan --org` needs: organizations:ListAccounts and
        /// sts:AssumeRole on the role (the role needs the consumer and provider policies).
        #[arg(long, conflicts_with = "consumer")]
        org: bool,
        /// The role `scan --org` assumes (default: any role).
        #[arg(long, value_name = "ROLE", value_parser = parse_role_name)]
        role_name: Option<String>,
        /// Add to the consumer's policy the sts:AssumeRole on this role that
        /// --provider-role-arn (or a role in the config file) needs.
        #[arg(long, value_name = "ARN", value_parser = parse_role_arn, conflicts_with = "provider")]
        provider_role_arn: Option<String>,
    },
    /// List the check catalog: id, account, title, what each needs.
    Checks {
        #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
        format: CatalogFormat,
    },
    /// Print the shell completion script, generated from this command line (see the
    /// README's Install section for where each shell reads it).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of vpce-doctor, or write one page per command into DIR.
    Man {
        /// Write vpce-doctor.1, vpce-doctor-check.1, … into DIR (created if missing) and
        /// list the files written.
        #[arg(long, value_name = "DIR")]
        dir: Option<String>,
    },
    /// Print the effective settings (flags > environment > config file > defaults) and
    /// where each came from.
    Config(ConfigArgs),
}

/// `vpce-doctor policy-test`: one request, the policies on its path.
#[derive(Debug, Args)]
pub struct PolicyTestArgs {
    /// The endpoint the request goes through.
    #[arg(long, value_name = "vpce-…", value_parser = parse_endpoint_id)]
    pub endpoint: String,

    /// The API action, as IAM names it (s3:GetObject, ecr:GetAuthorizationToken).
    #[arg(long, value_name = "SERVICE:ACTION", value_parser = parse_action)]
    pub action: String,

    /// The resource's ARN (arn:aws:s3:::bucket/key); for S3 it names the bucket whose policy
    /// is judged too. Without it, a statement limited to some resources may or may not apply.
    #[arg(long, value_name = "ARN", value_parser = parse_arn)]
    pub resource: Option<String>,

    /// Judge this endpoint policy (JSON) instead of the endpoint's own: nothing is read from
    /// AWS, and --vpc/--account/--region fill in the endpoint's request context.
    #[arg(long, value_name = "FILE")]
    pub endpoint_policy: Option<String>,

    /// Judge this bucket policy (JSON) instead of reading the bucket's with
    /// s3:GetBucketPolicy.
    #[arg(long, value_name = "FILE")]
    pub bucket_policy: Option<String>,

    /// The caller's ARN (a role, a role session, a user): decides Principal and the
    /// aws:PrincipalArn and aws:PrincipalAccount keys.
    #[arg(long, value_name = "ARN", value_parser = parse_arn)]
    pub principal: Option<String>,

    /// A condition key's value in the request (repeatable): aws:PrincipalOrgID=o-…,
    /// aws:VpceOrgID=o-…; several values separated by commas; KEY= says the key is absent.
    #[arg(long = "context", value_name = "KEY=VALUE", value_parser = parse_context_key)]
    pub context: Vec<(String, Vec<String>)>,

    /// The endpoint's VPC (aws:SourceVpc), with --endpoint-policy.
    #[arg(long, value_name = "vpc-…", value_parser = parse_vpc)]
    pub vpc: Option<String>,

    /// The account that owns the endpoint (aws:VpceAccount), with --endpoint-policy.
    #[arg(long, value_name = "ACCOUNT", value_parser = parse_account)]
    pub account: Option<String>,

    /// AWS profile of the account that owns the endpoint (and the bucket).
    #[arg(long = "profile", env = "AWS_PROFILE")]
    pub aws_profile: Option<String>,

    /// AWS region (default: from the profile or AWS_REGION).
    #[arg(long, value_parser = parse_region)]
    pub region: Option<String>,

    /// Seconds allowed per API attempt (default: 10, or the config file's).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: Option<u64>,

    /// The output: text, or json (its shape is in the README).
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
    pub format: CatalogFormat,
}

fn parse_endpoint_id(s: &str) -> Result<String, String> {
    parse_id(s, "vpce-", "--endpoint")
}

/// `service:Action`, as IAM writes it (wildcards allowed in the action).
fn parse_action(s: &str) -> Result<String, String> {
    let ok = s.split_once(':').is_some_and(|(service, action)| {
        !service.is_empty()
            && service
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !action.is_empty()
            && action
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'*' || b == b'?')
    });
    if ok {
        Ok(s.to_string())
    } else {
        Err(crate::t!(
            "cli-input-bad-action",
            value = format!("{:?}", crate::sanitize::terminal_safe(s))
        ))
    }
}

/// An ARN (`arn:partition:service:region:account:resource`).
fn parse_arn(s: &str) -> Result<String, String> {
    if s.starts_with("arn:") && s.splitn(6, ':').count() == 6 && !s.chars().any(char::is_control) {
        Ok(s.to_string())
    } else {
        Err(crate::t!(
            "cli-input-bad-arn",
            value = format!("{:?}", crate::sanitize::terminal_safe(s))
        ))
    }
}

/// `KEY=VALUE[,VALUE…]`, or `KEY=` for an absent key.
fn parse_context_key(s: &str) -> Result<(String, Vec<String>), String> {
    match s.split_once('=') {
        Some((key, values))
            if key.contains(':') && !key.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            let values = values
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect();
            Ok((key.to_string(), values))
        }
        _ => Err(crate::t!(
            "cli-input-bad-context",
            value = format!("{:?}", crate::sanitize::terminal_safe(s))
        )),
    }
}

/// A 12-digit AWS account id.
fn parse_account(s: &str) -> Result<String, String> {
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(crate::t!(
            "cli-input-bad-account",
            value = format!("{:?}", crate::sanitize::terminal_safe(s))
        ))
    }
}

/// `vpce-doctor config`: the settings a command given these flags would run with.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[arg(long, value_enum, default_value_t = CatalogFormat::Text)]
    pub format: CatalogFormat,

    /// As for `check`: the consumer's AWS profile.
    #[arg(long, env = "AWS_PROFILE")]
    pub profile: Option<String>,

    #[arg(long, value_parser = parse_region)]
    pub region: Option<String>,

    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: Option<u64>,

    #[arg(long, value_parser = parse_dns_server)]
    pub dns_server: Option<String>,

    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=512))]
    pub concurrency: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormat {
    Text,
    Json,
}

/// How to observe: accounts, region, clients, DNS. Shared by `check` and `tui`.
#[derive(Debug, Args, Clone, Default)]
pub struct DiagArgs {
    /// AWS profile of the consumer account (the endpoint's owner).
    #[arg(long, env = "AWS_PROFILE")]
    pub profile: Option<String>,

    /// AWS profile of the service owner's account; without it (and without
    /// --provider-role-arn) the profile is found from the service owner's account id (the
    /// config file's [accounts], sso_account_id, role_arn, or an identity seen before), else
    /// provider checks use the consumer's credentials or say unknown.
    #[arg(long)]
    pub provider_profile: Option<String>,

    /// A role in the service owner's account, assumed from the consumer's credentials
    /// (sts:AssumeRole) for the provider checks.
    #[arg(long, value_name = "ARN", value_parser = parse_role_arn, conflicts_with = "provider_profile")]
    pub provider_role_arn: Option<String>,

    /// AWS region (default: from the profile or AWS_REGION).
    #[arg(long, value_parser = parse_region)]
    pub region: Option<String>,

    /// A TCP port the clients use (repeatable; default: the NLB listener ports when the
    /// provider is visible, else 443).
    #[arg(long = "port", value_parser = clap::value_parser!(u16).range(1..))]
    pub ports: Vec<u16>,

    /// Who the clients are: sg-…, subnet-…, i-…, eni-…, a CIDR or an IP (default: nobody
    /// in particular; the verdict names what the rules admit). For a name, URL, address or
    /// service TARGET, the client's VPC and subnet decide which endpoint serves it.
    #[arg(long, value_parser = parse_from)]
    pub from: Option<ClientSource>,

    /// The clients' VPC, vpc-…: a name, URL, address or service TARGET is resolved as this
    /// VPC resolves and routes it (default: the VPC of --from, else every VPC).
    #[arg(long, value_name = "vpc-…", value_parser = parse_vpc_id)]
    pub vpc: Option<String>,

    /// Resolve names through this DNS server, IP[:PORT], judging answers as the VPC's
    /// (default: the system resolver).
    #[arg(long, value_parser = parse_dns_server)]
    pub dns_server: Option<String>,

    /// Where this machine is relative to the endpoint's VPC, for DNS checks.
    #[arg(long, value_enum, default_value_t = VantageArg::Auto)]
    pub vantage: VantageArg,

    /// An action to test against the endpoint policy, e.g. s3:GetObject.
    #[arg(long)]
    pub expect_action: Option<String>,

    /// A resource to test against the endpoint policy, e.g. arn:aws:s3:::bucket/*.
    #[arg(long, requires = "expect_action")]
    pub expect_resource: Option<String>,

    /// Run active probes: a TCP connect to each endpoint address on each port (only
    /// meaningful inside the endpoint's VPC; never done without this flag).
    #[arg(long)]
    pub probe: bool,

    /// Seconds allowed per API attempt, per DNS query and per TCP connect (default: 10, or
    /// timeout in the config file).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: Option<u64>,

    /// How far back the traffic checks read CloudWatch metrics: 15m, 1h, 90s … (1m to 24h;
    /// periods of 60 s up to 3h, 300 s beyond).
    #[arg(long = "window", default_value = "15m", value_parser = parse_window)]
    pub window_secs: u32,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// What to diagnose: an endpoint (vpce-…), or the symptom — a DNS name
    /// (orders-api.internal.example.com), a URL (https://host:8443/path), an IP[:port], a
    /// service (s3, ecr.api, com.amazonaws.us-east-1.sts) or an endpoint service (vpce-svc-…),
    /// resolved to the endpoint that serves it for the client (--vpc / --from).
    #[arg(value_parser = parse_target)]
    pub target: String,

    #[command(flatten)]
    pub diag: DiagArgs,

    #[command(flatten)]
    pub report: ReportArgs,

    /// Replace account ids and IP addresses (also inside ARNs and CIDRs) with consistent
    /// placeholders, so the report can go to a third party.
    #[arg(long)]
    pub redact: bool,

    /// Record every fact of this run (AWS answers, DNS answers) to FILE for offline replay.
    #[arg(long, value_name = "FILE", conflicts_with = "from_snapshot")]
    pub save_snapshot: Option<String>,

    /// Replay a recorded snapshot: no network at all, the same verdicts.
    #[arg(long, value_name = "FILE")]
    pub from_snapshot: Option<String>,

    /// Rerun the diagnosis every --watch-interval and print one line per cycle (time,
    /// changes, API calls) instead of a report; a cycle whose credentials failed keeps the
    /// last verdicts, marked stale, and says what to run. Stops at --cycles or Ctrl-C.
    #[arg(long, conflicts_with_all = ["save_snapshot", "format", "output", "output_dir"])]
    pub watch: bool,

    /// Seconds between watch cycles (decimals allowed, 0: back to back).
    #[arg(long, value_name = "SECS", default_value = "10", requires = "watch", value_parser = parse_interval)]
    pub watch_interval: Duration,

    /// Stop watching after N cycles.
    #[arg(long, value_name = "N", requires = "watch", value_parser = clap::value_parser!(u64).range(1..))]
    pub cycles: Option<u64>,
}

/// Where and how a report is written (`check` and `scan`).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Report format; repeat it (or separate with commas) to write several, which needs
    /// --output-dir. Default: text, or what the --output file's extension says. A scan's
    /// JSON holds a summary and one full report per endpoint.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,

    /// Write the report to FILE instead of standard output (.json .md .html .xml .txt pick
    /// the format when --format is absent).
    #[arg(long, value_name = "FILE", conflicts_with = "output_dir")]
    pub output: Option<String>,

    /// Write one file per --format into DIR: vpce-doctor-<endpoint>.<ext>
    /// (vpce-doctor-scan.<ext> for a scan).
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<String>,

    /// Add the API calls per operation (with the SDK's retries) and the timings.
    #[arg(long)]
    pub stats: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// AWS profile of the consumer account (the endpoints' owner).
    #[arg(long, env = "AWS_PROFILE")]
    pub profile: Option<String>,

    /// AWS profile of the service owner's account (provider checks; with --service, the
    /// account whose connections are scanned).
    #[arg(long)]
    pub provider_profile: Option<String>,

    /// A role in the service owner's account, assumed from the consumer's credentials
    /// (sts:AssumeRole) for the provider checks.
    #[arg(long, value_name = "ARN", value_parser = parse_role_arn, conflicts_with_all = ["provider_profile", "service"])]
    pub provider_role_arn: Option<String>,

    /// A region to scan; repeat it for several, scanned concurrently (default: the
    /// profile's region).
    #[arg(long = "region", value_name = "REGION", value_parser = parse_region)]
    pub regions: Vec<String>,

    /// Scan every region the account can use (DescribeRegions).
    #[arg(long, conflicts_with = "regions")]
    pub all_regions: bool,

    /// Only endpoints matching every filter: tag:KEY=VALUE, tag:KEY, vpc-id=…,
    /// service-name=…, state=…, type=Interface|Gateway.
    #[arg(long = "filter", value_name = "FILTER", value_parser = parse_filter)]
    pub filters: Vec<EndpointFilter>,

    /// The provider's view: diagnose every connection of this endpoint service
    /// (vpce-svc-…), with the service owner's credentials.
    #[arg(long, value_name = "vpce-svc-…", value_parser = parse_service_id, conflicts_with = "filters")]
    pub service: Option<String>,

    /// Every account of the AWS Organization: list them (organizations:ListAccounts, with
    /// --profile's credentials: the management or a delegated-administrator account) and
    /// assume --role-name in each.
    #[arg(long, requires = "role_name", conflicts_with_all = ["service", "provider_profile"])]
    pub org: bool,

    /// The role assumed in every account of the organisation (its name, or path/name).
    #[arg(long, value_name = "ROLE", requires = "org", value_parser = parse_role_name)]
    pub role_name: Option<String>,

    /// Only these accounts of the organisation (12-digit ids, comma-separated or repeated).
    #[arg(long, value_name = "ID,…", value_delimiter = ',', requires = "org", value_parser = parse_account_id)]
    pub accounts: Vec<String>,

    /// Leave these accounts out (12-digit ids, comma-separated or repeated).
    #[arg(long, value_name = "ID,…", value_delimiter = ',', requires = "org", value_parser = parse_account_id)]
    pub exclude_accounts: Vec<String>,

    /// Accounts scanned at once with --org (each bounds its own API calls per region).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub account_concurrency: u64,

    /// A TCP port the clients use (repeatable).
    #[arg(long = "port", value_parser = clap::value_parser!(u16).range(1..))]
    pub ports: Vec<u16>,

    /// Resolve names through this DNS server, IP[:PORT], judging answers as the VPC's.
    #[arg(long, value_parser = parse_dns_server)]
    pub dns_server: Option<String>,

    /// Where this machine is relative to the endpoints' VPCs, for DNS checks.
    #[arg(long, value_enum, default_value_t = VantageArg::Auto)]
    pub vantage: VantageArg,

    /// Diagnoses run at once per region (API calls are bounded separately; default: 32,
    /// or concurrency in the config file).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=512))]
    pub concurrency: Option<u64>,

    /// Seconds allowed per API attempt and per DNS query (default: 10, or the config file's).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: Option<u64>,

    /// How far back the traffic checks read CloudWatch metrics (1m to 24h).
    #[arg(long = "window", default_value = "15m", value_parser = parse_window)]
    pub window_secs: u32,

    /// Open the results in the endpoint picker (verdicts in, worst first; with --org an
    /// ACCOUNT column): Enter opens an endpoint's live diagnosis with its account's
    /// credentials (the role assumed there with --org).
    #[arg(long, conflicts_with_all = ["format", "output", "output_dir", "stats", "service"])]
    pub tui: bool,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub ui: UiArgs,
}

#[derive(Debug, Args)]
pub struct WorkloadArgs {
    /// The workload profile: eks-nodes, ecr-pull, ssm, ecs-fargate, lambda or sts (the
    /// services of each are listed in the README and checks/workloads.toml).
    #[arg(value_name = "PROFILE", value_parser = parse_workload)]
    pub workload: String,

    /// The VPC the workload runs in.
    #[arg(long, value_name = "vpc-…", value_parser = parse_vpc)]
    pub vpc: String,

    /// A subnet the workload runs in (repeatable; default: the VPC's private subnets, those
    /// whose route table has no internet gateway route, or every subnet if none is private).
    /// With exactly one, each endpoint is diagnosed for clients in it (as --from subnet-…).
    #[arg(long = "subnet", value_name = "subnet-…", value_parser = parse_subnet)]
    pub subnets: Vec<String>,

    /// AWS profile of the account the VPC is in.
    #[arg(long = "profile", env = "AWS_PROFILE")]
    pub aws_profile: Option<String>,

    /// AWS region (default: from the profile or AWS_REGION).
    #[arg(long, value_parser = parse_region)]
    pub region: Option<String>,

    /// Resolve names through this DNS server, IP[:PORT], judging answers as the VPC's.
    #[arg(long, value_parser = parse_dns_server)]
    pub dns_server: Option<String>,

    /// Where this machine is relative to the VPC, for DNS checks.
    #[arg(long, value_enum, default_value_t = VantageArg::Auto)]
    pub vantage: VantageArg,

    /// Seconds allowed per API attempt and per DNS query (default: 10, or the config file's).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub timeout: Option<u64>,

    /// Open the rows in the interactive view: Enter on one opens its endpoint's diagnosis.
    #[arg(long, conflicts_with_all = ["format", "output", "output_dir", "stats"])]
    pub tui: bool,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub ui: UiArgs,
}

fn parse_workload(s: &str) -> Result<String, String> {
    crate::workload::find(s).map(|p| p.name)
}

/// `prefix-` and a resource id, or one line naming what is expected.
fn parse_id(s: &str, prefix: &str, flag: &str) -> Result<String, String> {
    match s.strip_prefix(prefix) {
        Some(rest) if is_resource_suffix(rest) => Ok(s.to_string()),
        _ => Err(crate::t!(
            "cli-input-bad-id",
            flag = flag,
            value = format!("{:?}", crate::sanitize::terminal_safe(s)),
            prefix = prefix
        )),
    }
}

fn parse_vpc(s: &str) -> Result<String, String> {
    parse_id(s, "vpc-", "--vpc")
}

fn parse_subnet(s: &str) -> Result<String, String> {
    parse_id(s, "subnet-", "--subnet")
}

fn parse_filter(s: &str) -> Result<EndpointFilter, String> {
    s.parse()
}

fn parse_vpc_id(s: &str) -> Result<String, String> {
    match s.strip_prefix("vpc-") {
        Some(rest) if is_resource_suffix(rest) => Ok(s.to_string()),
        _ => Err(crate::t!(
            "cli-input-bad-vpc",
            value = format!("{:?}", crate::sanitize::terminal_safe(s))
        )),
    }
}

/// `--watch-interval`: seconds, decimals allowed (`0.5`), 0 for back-to-back cycles, at
/// most an hour.
fn parse_interval(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .trim()
        .trim_end_matches('s')
        .parse()
        .map_err(|_| crate::t!("cli-input-bad-interval", value = format!("{s:?}")))?;
    if !(0.0..=3600.0).contains(&secs) {
        return Err(crate::t!(
            "cli-input-interval-range",
            value = format!("{s:?}")
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A 12-digit AWS account id.
pub fn parse_account_id(s: &str) -> Result<String, String> {
    let s = s.trim();
    if crate::facts::aws::discover::is_account_id(s) {
        Ok(s.to_string())
    } else {
        Err(crate::t!("cli-input-bad-account", value = format!("{s:?}")))
    }
}

/// An IAM role name (1–64 of letters, digits and `+=,.@_-`), optionally behind a path.
fn parse_role_name(s: &str) -> Result<String, String> {
    let name = s.rsplit('/').next().unwrap_or_default();
    let ok = |c: char| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c);
    if (1..=64).contains(&name.len())
        && name.chars().all(ok)
        && s.chars().all(|c| ok(c) || c == '/')
        && !s.starts_with('/')
    {
        Ok(s.to_string())
    } else {
        Err(crate::t!(
            "cli-input-bad-role-name",
            value = format!("{s:?}")
        ))
    }
}

fn parse_service_id(s: &str) -> Result<String, String> {
    match s.strip_prefix("vpce-svc-") {
        Some(rest) if is_resource_suffix(rest) => Ok(s.to_string()),
        _ => Err(crate::t!("cli-input-bad-service", value = format!("{s:?}"))),
    }
}

/// Settings of the interactive view.
#[derive(Debug, Args, Clone)]
pub struct UiArgs {
    /// Seconds between reruns in watch mode (`w`).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub watch_interval: u64,

    /// Where `e` writes its exports.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub export_dir: String,

    /// Write logs to FILE (nothing is ever logged to the screen).
    #[arg(long, value_name = "FILE")]
    pub log_file: Option<String>,
}

#[derive(Debug, Args)]
pub struct TuiArgs {
    /// What to diagnose (as for `check`: vpce-…, a DNS name, URL, IP[:port], service or
    /// vpce-svc-…); without it, the endpoint picker opens.
    #[arg(value_parser = parse_target)]
    pub target: Option<String>,

    #[command(flatten)]
    pub diag: DiagArgs,

    #[command(flatten)]
    pub ui: UiArgs,

    /// Show a recorded snapshot instead of observing live.
    #[arg(long, value_name = "FILE", requires = "target")]
    pub from_snapshot: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The scenario to open (see --list); without it, the scenario picker opens.
    pub scenario: Option<String>,

    /// List the bundled scenarios and exit.
    #[arg(long)]
    pub list: bool,

    #[command(flatten)]
    pub ui: UiArgs,
}

/// `--vantage`: the command line's spelling of [`VantageChoice`] (the run's settings know
/// nothing of clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum VantageArg {
    /// Decide from the local interface addresses.
    #[default]
    Auto,
    Inside,
    Outside,
}

impl From<VantageArg> for VantageChoice {
    fn from(v: VantageArg) -> Self {
        match v {
            VantageArg::Auto => VantageChoice::Auto,
            VantageArg::Inside => VantageChoice::Inside,
            VantageArg::Outside => VantageChoice::Outside,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TranscriptFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct RunbookArgs {
    /// NAME TARGET (a shipped runbook, see --list), or only TARGET with --runbook FILE.
    #[arg(value_name = "NAME TARGET", num_args = 0..=2)]
    pub args: Vec<String>,

    /// List the shipped runbooks and exit.
    #[arg(long)]
    pub list: bool,

    /// Use your own runbook file (validated like the shipped ones).
    #[arg(long, value_name = "FILE.toml")]
    pub runbook: Option<String>,

    /// Run the whole runbook without the TUI and print the filled-in checklist.
    #[arg(long, value_enum)]
    pub format: Option<TranscriptFormat>,

    /// With --format: write the transcript to FILE instead of standard output.
    #[arg(long, value_name = "FILE", requires = "format")]
    pub output: Option<String>,

    /// Walk a recorded snapshot instead of observing live.
    #[arg(long, value_name = "FILE")]
    pub from_snapshot: Option<String>,

    #[command(flatten)]
    pub diag: DiagArgs,

    #[command(flatten)]
    pub ui: UiArgs,
}

/// An AWS region name: `<area>[-<partition>]-<direction>-<number>` (us-east-1, cn-north-1,
/// us-gov-west-1, us-isob-east-1). Checked by shape, not against a list, so regions that
/// open after this release still work; anything else would only fail later, obscurely.
pub fn parse_region(s: &str) -> Result<String, String> {
    const DIRECTIONS: &[&str] = &[
        "north",
        "south",
        "east",
        "west",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    ];
    let lower = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_lowercase())
    };
    let parts: Vec<&str> = s.split('-').collect();
    let ok = match parts.as_slice() {
        [area, partition @ .., direction, number] => {
            area.len() == 2
                && lower(area, 2)
                && partition.len() <= 1
                && partition.iter().all(|p| lower(p, 5))
                && DIRECTIONS.contains(direction)
                && (1..=2).contains(&number.len())
                && number.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err(crate::t!(
            "cli-input-bad-region",
            value = format!("{:?}", crate::sanitize::terminal_safe(s))
        ))
    }
}

/// `--provider-role-arn`: an IAM role's ARN, `arn:PARTITION:iam::ACCOUNT:role/NAME`.
fn parse_role_arn(s: &str) -> Result<String, String> {
    match crate::facts::aws::discover::role_account(s) {
        Some(_) => Ok(s.to_string()),
        None => Err(crate::t!(
            "cli-input-bad-role-arn",
            value = format!("{:?}", crate::sanitize::terminal_safe(s))
        )),
    }
}

fn parse_from(s: &str) -> Result<ClientSource, String> {
    s.parse()
}

fn parse_dns_server(s: &str) -> Result<String, String> {
    crate::facts::dns::parse_server(s).map(|a| a.to_string())
}

/// `--window`: a number with `s`, `m` or `h`, from 1m to 24h, in seconds.
pub fn parse_window(s: &str) -> Result<u32, String> {
    let t = s.trim();
    let (number, unit) = t.split_at(t.len().saturating_sub(1));
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => 0,
    };
    let secs = number
        .parse::<u32>()
        .ok()
        .filter(|_| scale > 0)
        .and_then(|n| n.checked_mul(scale));
    match secs {
        Some(secs) if (60..=86_400).contains(&secs) => Ok(secs),
        _ => Err(crate::t!("cli-input-bad-window", value = format!("{t:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[test]
    fn intervals_read_as_seconds() {
        assert_eq!(super::parse_interval("10"), Ok(Duration::from_secs(10)));
        assert_eq!(super::parse_interval("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(super::parse_interval("0"), Ok(Duration::ZERO));
        assert_eq!(super::parse_interval("2s"), Ok(Duration::from_secs(2)));
        assert!(super::parse_interval("-1").is_err());
        assert!(super::parse_interval("soon").is_err());
        assert!(super::parse_interval("7200").is_err());
    }

    use super::*;

    #[test]
    fn targets_are_validated() {
        assert!(parse_target("vpce-0123456789abcdef0").is_ok());
        assert!(parse_target("vpce-01234567").is_ok());
        assert!(parse_target("vpce-0123").is_err());
        assert!(parse_target("vpce-0123456789ABCDEF0").is_err());
        assert!(parse_target("i-0123456789abcdef0").is_err());
        assert!(parse_target("vpce-svc-0123456789abcdef0").is_ok());
        assert!(parse_target("orders.example.com").is_ok());
        assert!(
            parse_target("vpce-\u{1b}[31m")
                .unwrap_err()
                .contains('\u{FFFD}')
        );
        assert!(parse_vpc_id("vpc-0123456789abcdef0").is_ok());
        assert!(parse_vpc_id("vpce-0123456789abcdef0").is_err());
    }

    #[test]
    fn regions_are_checked_by_shape() {
        for good in [
            "us-east-1",
            "us-gov-west-1",
            "cn-north-1",
            "eu-central-2",
            "ap-southeast-5",
            "il-central-1",
            "us-isob-east-1",
            "mx-central-1",
        ] {
            assert_eq!(parse_region(good).as_deref(), Ok(good), "{good}");
        }
        for bad in [
            "mars-1",
            "us-east-1;rm",
            "US-EAST-1",
            "us-east",
            "us-east-123",
            "useast1",
            "",
            "us-up-1",
            "us--east-1",
            "us-gov-x-west-1",
        ] {
            let err = parse_region(bad).unwrap_err();
            assert!(
                err.contains("us-east-1") && !err.contains('\n'),
                "{bad}: {err}"
            );
        }
        assert!(
            parse_region("us-east-1\u{1b}[2J")
                .unwrap_err()
                .contains('\u{FFFD}')
        );
    }

    #[test]
    fn color_is_found_before_parsing() {
        let found = |args: &[&str]| color_in_args(args.iter().copied());
        assert_eq!(
            found(&["check", "--color", "never", "--help"]),
            Some(ColorArg::Never)
        );
        assert_eq!(found(&["--color=always", "scan"]), Some(ColorArg::Always));
        assert_eq!(
            found(&["--color=never", "check", "--color", "always"]),
            Some(ColorArg::Always)
        );
        assert_eq!(found(&["check", "--", "--color", "always"]), None);
        assert_eq!(found(&["check", "--color", "purple"]), None);
        assert_eq!(found(&["check", "--color"]), None);
        assert_eq!(found(&["check", "vpce-0123456789abcdef0"]), None);
    }

    #[test]
    fn lang_is_found_before_parsing() {
        use crate::i18n::Lang;
        let found = |args: &[&str]| lang_in_args(args.iter().copied());
        assert_eq!(found(&["--lang", "ko", "--help"]), Some(Lang::Ko));
        assert_eq!(found(&["check", "--lang=ko", "-h"]), Some(Lang::Ko));
        assert_eq!(
            found(&["--lang=ko", "check", "--lang", "en"]),
            Some(Lang::En)
        );
        assert_eq!(found(&["check", "--", "--lang", "ko"]), None);
        assert_eq!(found(&["check", "--lang", "fr"]), None);
        assert_eq!(found(&["check", "--lang"]), None);
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
