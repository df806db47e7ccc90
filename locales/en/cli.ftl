# Messages of cli. Conventions: locales/README.md.

## --help (src/cli/help.rs): the English is the doc comments of src/cli.rs, word for word.

cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-about = Find out why traffic through an AWS PrivateLink / VPC endpoint is not flowing
cli-long-about =
    Runs the PrivateLink troubleshooting checklist against a VPC endpoint as a graph of read-only checks (Describe*/Get*/List* only) and shows the root cause first, the evidence, and the exact fix.

    Without a command, on a terminal: opens the endpoint picker.

    Exit codes: 0 no check failed · 1 a check failed · 2 bad input · 3 nothing failed but something could not be checked.
cli-arg-config = The vpce-doctor config file (default: $XDG_CONFIG_HOME/vpce-doctor/config.toml, else ~/.config/vpce-doctor/config.toml; or VPCE_DOCTOR_CONFIG). Flags and the environment win over it
cli-arg-color = Colour the output: auto (only on a terminal, and not when NO_COLOR is set; set CLICOLOR_FORCE to colour into a pipe), always, or never. The flag wins over both variables. Applies to the text reports, the interactive view and --help
cli-arg-lang = The language of everything a person reads: en or ko (Korean). Without it: the config file's `lang`, else the locale (LC_ALL, LC_MESSAGES, LANG starting with `ko`), else English. Ids, JSON keys and commands stay English
cli-arg-help-more = Print help (see more with '--help')
cli-long-arg-help = Print help (see a summary with '-h')
cli-arg-version = Print version
cli-about-check = Diagnose one endpoint and print the verdict (headless)
cli-arg-check-target = What to diagnose: an endpoint (vpce-…), or the symptom — a DNS name (orders-api.internal.example.com), a URL (https://host:8443/path), an IP[:port], a service (s3, ecr.api, com.amazonaws.us-east-1.sts) or an endpoint service (vpce-svc-…), resolved to the endpoint that serves it for the client (--vpc / --from)
cli-arg-check-profile = AWS profile of the consumer account (the endpoint's owner)
cli-arg-check-provider-profile = AWS profile of the service owner's account; without it (and without --provider-role-arn) the profile is found from the service owner's account id (the config file's [accounts], sso_account_id, role_arn, or an identity seen before), else provider checks use the consumer's credentials or say unknown
cli-arg-check-provider-role-arn = A role in the service owner's account, assumed from the consumer's credentials (sts:AssumeRole) for the provider checks
cli-arg-check-region = AWS region (default: from the profile or AWS_REGION)
cli-arg-check-ports = A TCP port the clients use (repeatable; default: the NLB listener ports when the provider is visible, else 443)
cli-arg-check-from = Who the clients are: sg-…, subnet-…, i-…, eni-…, a CIDR or an IP (default: nobody in particular; the verdict names what the rules admit). For a name, URL, address or service TARGET, the client's VPC and subnet decide which endpoint serves it
cli-arg-check-vpc = The clients' VPC, vpc-…: a name, URL, address or service TARGET is resolved as this VPC resolves and routes it (default: the VPC of --from, else every VPC)
cli-arg-check-dns-server = Resolve names through this DNS server, IP[:PORT], judging answers as the VPC's (default: the system resolver)
cli-arg-check-vantage = Where this machine is relative to the endpoint's VPC, for DNS checks
cli-arg-check-expect-action = An action to test against the endpoint policy, e.g. s3:GetObject
cli-arg-check-expect-resource = A resource to test against the endpoint policy, e.g. arn:aws:s3:::bucket/*
cli-arg-check-probe = Run active probes: a TCP connect to each endpoint address on each port (only meaningful inside the endpoint's VPC; never done without this flag)
cli-arg-check-timeout = Seconds allowed per API attempt, per DNS query and per TCP connect (default: 10, or timeout in the config file)
cli-arg-check-window-secs = How far back the traffic checks read CloudWatch metrics: 15m, 1h, 90s … (1m to 24h; periods of 60 s up to 3h, 300 s beyond)
cli-arg-check-format = Report format; repeat it (or separate with commas) to write several, which needs --output-dir. Default: text, or what the --output file's extension says. A scan's JSON holds a summary and one full report per endpoint
cli-arg-check-output = Write the report to FILE instead of standard output (.json .md .html .xml .txt pick the format when --format is absent)
cli-arg-check-output-dir = Write one file per --format into DIR: vpce-doctor-<endpoint>.<ext> (vpce-doctor-scan.<ext> for a scan)
cli-arg-check-stats = Add the API calls per operation (with the SDK's retries) and the timings
cli-arg-check-redact = Replace account ids and IP addresses (also inside ARNs and CIDRs) with consistent placeholders, so the report can go to a third party
cli-arg-check-save-snapshot = Record every fact of this run (AWS answers, DNS answers) to FILE for offline replay
cli-arg-check-from-snapshot = Replay a recorded snapshot: no network at all, the same verdicts
cli-arg-check-watch = Rerun the diagnosis every --watch-interval and print one line per cycle (time, changes, API calls) instead of a report; a cycle whose credentials failed keeps the last verdicts, marked stale, and says what to run. Stops at --cycles or Ctrl-C
cli-arg-check-watch-interval = Seconds between watch cycles (decimals allowed, 0: back to back)
cli-arg-check-cycles = Stop watching after N cycles
cli-about-tui = Diagnose interactively: the live check graph, evidence and fixes (no TARGET: the endpoint picker)
cli-arg-tui-target = What to diagnose (as for `check`: vpce-…, a DNS name, URL, IP[:port], service or vpce-svc-…); without it, the endpoint picker opens
cli-arg-tui-profile = { cli-arg-check-profile }
cli-arg-tui-provider-profile = { cli-arg-check-provider-profile }
cli-arg-tui-provider-role-arn = { cli-arg-check-provider-role-arn }
cli-arg-tui-region = { cli-arg-check-region }
cli-arg-tui-ports = { cli-arg-check-ports }
cli-arg-tui-from = { cli-arg-check-from }
cli-arg-tui-vpc = { cli-arg-check-vpc }
cli-arg-tui-dns-server = { cli-arg-check-dns-server }
cli-arg-tui-vantage = { cli-arg-check-vantage }
cli-arg-tui-expect-action = { cli-arg-check-expect-action }
cli-arg-tui-expect-resource = { cli-arg-check-expect-resource }
cli-arg-tui-probe = { cli-arg-check-probe }
cli-arg-tui-timeout = { cli-arg-check-timeout }
cli-arg-tui-window-secs = { cli-arg-check-window-secs }
cli-arg-tui-watch-interval = Seconds between reruns in watch mode (`w`)
cli-arg-tui-export-dir = Where `e` writes its exports
cli-arg-tui-log-file = Write logs to FILE (nothing is ever logged to the screen)
cli-arg-tui-from-snapshot = Show a recorded snapshot instead of observing live
cli-about-demo = Open the interactive view on a bundled scenario: no AWS account, no network
cli-arg-demo-scenario = The scenario to open (see --list); without it, the scenario picker opens
cli-arg-demo-list = List the bundled scenarios and exit
cli-arg-demo-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-demo-export-dir = { cli-arg-tui-export-dir }
cli-arg-demo-log-file = { cli-arg-tui-log-file }
cli-arg-help = Print help
cli-about-scan = Diagnose every endpoint of the account (or every connection of a service, from its owner's side) and print a table: worst status and root cause per endpoint
cli-arg-scan-profile = AWS profile of the consumer account (the endpoints' owner)
cli-arg-scan-provider-profile = AWS profile of the service owner's account (provider checks; with --service, the account whose connections are scanned)
cli-arg-scan-provider-role-arn = { cli-arg-check-provider-role-arn }
cli-arg-scan-regions = A region to scan; repeat it for several, scanned concurrently (default: the profile's region)
cli-arg-scan-all-regions = Scan every region the account can use (DescribeRegions)
cli-arg-scan-filters = Only endpoints matching every filter: tag:KEY=VALUE, tag:KEY, vpc-id=…, service-name=…, state=…, type=Interface|Gateway
cli-arg-scan-service = The provider's view: diagnose every connection of this endpoint service (vpce-svc-…), with the service owner's credentials
cli-arg-scan-org = Every account of the AWS Organization: list them (organizations:ListAccounts, with --profile's credentials: the management or a delegated-administrator account) and assume --role-name in each
cli-arg-scan-role-name = The role assumed in every account of the organisation (its name, or path/name)
cli-arg-scan-accounts = Only these accounts of the organisation (12-digit ids, comma-separated or repeated)
cli-arg-scan-exclude-accounts = Leave these accounts out (12-digit ids, comma-separated or repeated)
cli-arg-scan-account-concurrency = Accounts scanned at once with --org (each bounds its own API calls per region)
cli-arg-scan-ports = A TCP port the clients use (repeatable)
cli-arg-scan-dns-server = Resolve names through this DNS server, IP[:PORT], judging answers as the VPC's
cli-arg-scan-vantage = Where this machine is relative to the endpoints' VPCs, for DNS checks
cli-arg-scan-concurrency = Diagnoses run at once per region (API calls are bounded separately; default: 32, or concurrency in the config file)
cli-arg-scan-timeout = Seconds allowed per API attempt and per DNS query (default: 10, or the config file's)
cli-arg-scan-window-secs = How far back the traffic checks read CloudWatch metrics (1m to 24h)
cli-arg-scan-tui = Open the results in the endpoint picker (verdicts in, worst first; with --org an ACCOUNT column): Enter opens an endpoint's live diagnosis with its account's credentials (the role assumed there with --org)
cli-arg-scan-format = { cli-arg-check-format }
cli-arg-scan-output = { cli-arg-check-output }
cli-arg-scan-output-dir = { cli-arg-check-output-dir }
cli-arg-scan-stats = { cli-arg-check-stats }
cli-arg-scan-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-scan-export-dir = { cli-arg-tui-export-dir }
cli-arg-scan-log-file = { cli-arg-tui-log-file }
cli-about-runbook = Walk a guided runbook step by step (TUI), or run it through (--format)
cli-arg-runbook-args = NAME TARGET (a shipped runbook, see --list), or only TARGET with --runbook FILE
cli-arg-runbook-list = List the shipped runbooks and exit
cli-arg-runbook-runbook = Use your own runbook file (validated like the shipped ones)
cli-arg-runbook-format = Run the whole runbook without the TUI and print the filled-in checklist
cli-arg-runbook-output = With --format: write the transcript to FILE instead of standard output
cli-arg-runbook-from-snapshot = Walk a recorded snapshot instead of observing live
cli-arg-runbook-profile = { cli-arg-check-profile }
cli-arg-runbook-provider-profile = { cli-arg-check-provider-profile }
cli-arg-runbook-provider-role-arn = { cli-arg-check-provider-role-arn }
cli-arg-runbook-region = { cli-arg-check-region }
cli-arg-runbook-ports = { cli-arg-check-ports }
cli-arg-runbook-from = { cli-arg-check-from }
cli-arg-runbook-vpc = { cli-arg-check-vpc }
cli-arg-runbook-dns-server = { cli-arg-check-dns-server }
cli-arg-runbook-vantage = { cli-arg-check-vantage }
cli-arg-runbook-expect-action = { cli-arg-check-expect-action }
cli-arg-runbook-expect-resource = { cli-arg-check-expect-resource }
cli-arg-runbook-probe = { cli-arg-check-probe }
cli-arg-runbook-timeout = { cli-arg-check-timeout }
cli-arg-runbook-window-secs = { cli-arg-check-window-secs }
cli-arg-runbook-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-runbook-export-dir = { cli-arg-tui-export-dir }
cli-arg-runbook-log-file = { cli-arg-tui-log-file }
cli-about-workload = Check every VPC endpoint a private workload needs (ECR pulls, EKS nodes, Session Manager, ECS on Fargate, Lambda, STS) in one VPC: one row per service, root causes first, with the commands that fix them
cli-arg-workload-workload = The workload profile: eks-nodes, ecr-pull, ssm, ecs-fargate, lambda or sts (the services of each are listed in the README and checks/workloads.toml)
cli-arg-workload-vpc = The VPC the workload runs in
cli-arg-workload-subnets = A subnet the workload runs in (repeatable; default: the VPC's private subnets, those whose route table has no internet gateway route, or every subnet if none is private). With exactly one, each endpoint is diagnosed for clients in it (as --from subnet-…)
cli-arg-workload-aws-profile = AWS profile of the account the VPC is in
cli-arg-workload-region = { cli-arg-check-region }
cli-arg-workload-dns-server = { cli-arg-scan-dns-server }
cli-arg-workload-vantage = Where this machine is relative to the VPC, for DNS checks
cli-arg-workload-timeout = { cli-arg-scan-timeout }
cli-arg-workload-tui = Open the rows in the interactive view: Enter on one opens its endpoint's diagnosis
cli-arg-workload-format = { cli-arg-check-format }
cli-arg-workload-output = { cli-arg-check-output }
cli-arg-workload-output-dir = { cli-arg-check-output-dir }
cli-arg-workload-stats = { cli-arg-check-stats }
cli-arg-workload-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-workload-export-dir = { cli-arg-tui-export-dir }
cli-arg-workload-log-file = { cli-arg-tui-log-file }
cli-about-iam-policy = Print the least-privilege read-only IAM policy (JSON) each account needs
cli-arg-iam-policy-consumer = Only the consumer account's policy (the endpoint's owner)
cli-arg-iam-policy-provider = Only the provider account's policy (the service owner)
cli-arg-iam-policy-org = Only what the caller of `scan --org` needs: organizations:ListAccounts and sts:AssumeRole on the role (the role needs the consumer and provider policies)
cli-arg-iam-policy-role-name = The role `scan --org` assumes (default: any role)
cli-arg-iam-policy-provider-role-arn = Add to the consumer's policy the sts:AssumeRole on this role that --provider-role-arn (or a role in the config file) needs
cli-about-checks = List the check catalog: id, account, title, what each needs
cli-about-completions = Print the shell completion script, generated from this command line (see the README's Install section for where each shell reads it)
cli-about-man = Print the manual page (roff) of vpce-doctor, or write one page per command into DIR
cli-arg-man-dir = Write vpce-doctor.1, vpce-doctor-check.1, … into DIR (created if missing) and list the files written
cli-about-config = Print the effective settings (flags > environment > config file > defaults) and where each came from
cli-arg-config-profile = As for `check`: the consumer's AWS profile
cli-about-help = Print this message or the help of the given subcommand(s)
cli-about-help-check = { cli-about-check }
cli-about-help-tui = { cli-about-tui }
cli-about-help-demo = { cli-about-demo }
cli-about-help-scan = { cli-about-scan }
cli-about-help-runbook = { cli-about-runbook }
cli-about-help-workload = { cli-about-workload }
cli-about-policy-test = Judge one request against the policies on its path (the endpoint policy, and the bucket policy behind an S3 endpoint) with the context a request through the endpoint carries: allowed, denied (by which statement and condition), or depending on a key the tool cannot know. Offline with --endpoint-policy FILE, to try a change before applying it
cli-arg-policy-test-endpoint = The endpoint the request goes through
cli-arg-policy-test-action = The API action, as IAM names it (s3:GetObject, ecr:GetAuthorizationToken)
cli-arg-policy-test-resource = The resource's ARN (arn:aws:s3:::bucket/key); for S3 it names the bucket whose policy is judged too. Without it, a statement limited to some resources may or may not apply
cli-arg-policy-test-endpoint-policy = Judge this endpoint policy (JSON) instead of the endpoint's own: nothing is read from AWS, and --vpc/--account/--region fill in the endpoint's request context
cli-arg-policy-test-bucket-policy = Judge this bucket policy (JSON) instead of reading the bucket's with s3:GetBucketPolicy
cli-arg-policy-test-principal = The caller's ARN (a role, a role session, a user): decides Principal and the aws:PrincipalArn and aws:PrincipalAccount keys
cli-arg-policy-test-context = A condition key's value in the request (repeatable): aws:PrincipalOrgID=o-…, aws:VpceOrgID=o-…; several values separated by commas; KEY= says the key is absent
cli-arg-policy-test-vpc = The endpoint's VPC (aws:SourceVpc), with --endpoint-policy
cli-arg-policy-test-account = The account that owns the endpoint (aws:VpceAccount), with --endpoint-policy
cli-arg-policy-test-aws-profile = AWS profile of the account that owns the endpoint (and the bucket)
cli-arg-policy-test-timeout = Seconds allowed per API attempt (default: 10, or the config file's)
cli-arg-policy-test-region = { cli-arg-check-region }
cli-arg-policy-test-format = The output: text, or json (its shape is in the README)
cli-about-help-policy-test = { cli-about-policy-test }
cli-about-help-iam-policy = { cli-about-iam-policy }
cli-about-help-checks = { cli-about-checks }
cli-about-help-completions = { cli-about-completions }
cli-about-help-man = { cli-about-man }
cli-about-help-config = { cli-about-config }
cli-about-help-help = { cli-about-help }

## The command line's own errors (src/main.rs): one line, exit code 2.

cli-error-invalid-arguments = error: invalid arguments
cli-error-see-help = { $line } (see --help)
cli-error-runtime = error: cannot start the async runtime: { $error }
cli-error = error: { $error }

## Bad input (exit code 2), one line each.

cli-input-snapshot-other-target = snapshot { $path } is a diagnosis of { $asked }, not { $target }
cli-input-no-region = no AWS region: pass --region, set AWS_REGION, or set region in the profile
cli-input-runbook-file-target = with --runbook FILE give only the TARGET endpoint id
cli-input-unknown-runbook = unknown runbook { $name }: expected one of { $names } (or --runbook FILE)
cli-input-runbook-args = expected NAME TARGET, e.g. `vpce-doctor runbook endpoint-unreachable vpce-0123456789abcdef0` (see --list)
cli-input-no-command = no command: on a terminal this opens the endpoint picker; otherwise use `vpce-doctor check TARGET` (see --help)
cli-input-man-dir = cannot write the man pages into { $dir }: { $error }
cli-input-region-twice = --region { $region } is given twice

## Values the command line rejects (src/cli.rs); clap prints them after its own words.

cli-input-bad-id = invalid { $flag } { $value }: expected { $prefix } followed by 8 or 17 lowercase hex digits, e.g. { $prefix }0123456789abcdef0
cli-input-bad-vpc = invalid --vpc { $value }: expected a VPC id like vpc-0123456789abcdef0
cli-input-bad-interval = invalid interval { $value }: expected seconds, e.g. 10 or 0.5
cli-input-interval-range = invalid interval { $value }: expected 0 to 3600 seconds
cli-input-bad-account = invalid account id { $value }: expected 12 digits like 123456789012
cli-input-bad-role-name = invalid role name { $value }: expected an IAM role name like vpce-doctor-read (letters, digits, +=,.@_-; at most 64), optionally after a path like ops/
cli-input-bad-service = invalid --service { $value }: expected an endpoint service id like vpce-svc-0123456789abcdef0
cli-input-bad-region = { $value } is not an AWS region name: expected a region such as us-east-1, eu-central-2, ap-southeast-5, cn-north-1 or us-gov-west-1 (see `aws ec2 describe-regions`)
cli-input-bad-role-arn = invalid --provider-role-arn { $value }: expected a role ARN like arn:aws:iam::222222222222:role/VpceDoctorReadOnly
cli-input-bad-window = invalid --window { $value }: expected a duration from 1m to 24h such as 15m, 1h or 90s
cli-input-unknown-workload = unknown workload { $name }: expected one of { $names }

## vpce-doctor config (src/config.rs)

cli-config-file = config file
cli-config-cache = identity cache
cli-config-unset = (unset)
cli-config-none-at = none at { $path } (defaults apply)
cli-config-none-no-home = none (no HOME or XDG_CONFIG_HOME to look in)
cli-config-no-cache = none (no HOME or XDG_CACHE_HOME)
cli-config-bad-profile = key profile: expected a profile name of the AWS config files
cli-config-bad-region = key region: { $value } is not an AWS region name: expected a region such as us-east-1 or eu-central-2
cli-config-bad-timeout = key timeout: { $value } is out of range: expected 1 to 300 seconds
cli-config-bad-concurrency = key concurrency: { $value } is out of range: expected 1 to 512
cli-config-bad-lang = key lang: { $value } is not a language: expected one of { $langs }
cli-config-bad-account = key { $key }: expected a 12-digit account id
cli-config-bad-role-arn = key { $key }.role_arn: { $value } is not a role ARN: expected arn:aws:iam::{ $account }:role/NAME
cli-config-account-entry = key { $key }: expected exactly one of profile = "NAME" or role_arn = "arn:aws:iam::{ $account }:role/NAME"
cli-config-bad-service = key { $key }: expected a service name (com.amazonaws.us-east-1.execute-api, com.amazonaws.vpce.us-east-1.vpce-svc-…) or an endpoint service id (vpce-svc-…)
cli-config-bad-ports = key { $key }: expected a list of TCP ports from 1 to 65535, e.g. [443]

## What a target may be (src/target.rs).
target-accepted = expected an endpoint (vpce-0123456789abcdef0), an endpoint service (vpce-svc-…), a service (s3, ecr.api, com.amazonaws.us-east-1.sts), a DNS name, a URL (https://host:port/path) or an IP[:port]
target-empty = empty target: { $accepted }
target-not-a-target = { $shown } is not a target: { $accepted }
target-bad-service-id = { $shown } is not an endpoint service id: expected vpce-svc- followed by 8 or 17 lowercase hex digits
target-bad-endpoint-id = { $shown } is not a VPC endpoint id: expected vpce- followed by 8 or 17 lowercase hex digits, e.g. vpce-0123456789abcdef0
target-bad-service-name = { $shown } is not a service name: expected com.amazonaws.REGION.NAME, e.g. com.amazonaws.us-east-1.s3
target-not-instance = an instance is a client: pass it with --from
target-not-eni = a network interface is a client: pass it with --from (or its IP address as the target)
target-not-subnet = a subnet is where clients are: pass it with --from
target-not-sg = a security group names clients: pass it with --from
target-not-vpc = a VPC is where clients are: pass it with --vpc and name what they reach
cli-input-bad-action = invalid --action { $value }: expected SERVICE:ACTION as IAM writes it, e.g. s3:GetObject
cli-input-bad-arn = invalid ARN { $value }: expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, e.g. arn:aws:s3:::bucket/key or arn:aws:iam::111122223333:role/app
cli-input-bad-context = invalid --context { $value }: expected KEY=VALUE with a condition key such as aws:PrincipalOrgID=o-a1b2c3d4e5 (VALUE,VALUE for several, KEY= for an absent key)
cli-input-policy-file = cannot use { $file } as a policy: { $error }
