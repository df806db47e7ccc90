//! The provider's credentials found without `--provider-profile`: the service owner's
//! account id, read from the consumer's view of the service (an answer the checks need
//! anyway, so it is asked once and remembered), matched to the config file's account map or
//! a profile of the AWS config files. Also the config file's default ports per service.

use std::sync::Arc;
use std::time::Duration;

use crate::context::RunContext;
use crate::engine::outcome::Account;
use crate::facts::Facts;
use crate::facts::aws::discover::{self, AccountTarget};
use crate::facts::aws::{ClientSettings, assume_role_config, load_sdk_config};

use super::DiagOptions;

/// What renews (or fails to reach) a role's credentials, for the provider's `unknown`s.
pub(super) fn role_hint(arn: &str) -> String {
    format!(
        "needs sts:AssumeRole on {arn} for the consumer's credentials (the role's trust policy must allow them)"
    )
}

/// The SDK configuration of the provider account reached through `target`.
pub(super) async fn provider_config(
    target: &AccountTarget,
    args: &DiagOptions,
    region: &str,
) -> aws_config::SdkConfig {
    let settings = ClientSettings {
        profile: args.profile.clone(),
        region: Some(region.to_string()),
        attempt_timeout: Duration::from_secs(args.timeout.max(1)),
        max_attempts: 4,
    };
    match target {
        AccountTarget::Profile(p) => {
            load_sdk_config(&ClientSettings {
                profile: Some(p.clone()),
                ..settings
            })
            .await
        }
        AccountTarget::Role(arn) => {
            assume_role_config(&load_sdk_config(&settings).await, arn).await
        }
    }
}

/// How long finding the owner may hold up the start (the first frame of the view): its
/// answers normally take a round trip or two; a hung API must not keep the screen blank.
const BUDGET: Duration = Duration::from_secs(3);

/// What the owner's account id led to.
enum Found {
    /// Nothing to find: one account owns both sides, an AWS service, no endpoint.
    Nothing,
    /// Nothing found, and why (for the header and the report).
    Note(String),
    Choice(discover::Choice),
}

/// Find the provider's credentials for the endpoint of `run` and give them to `facts`;
/// `run` then names them and why (or why none were found). `true` when found.
pub(super) async fn find_provider(
    facts: &Arc<Facts>,
    run: &mut RunContext,
    args: &DiagOptions,
) -> bool {
    let choice = match tokio::time::timeout(BUDGET, owner_choice(facts, run, args)).await {
        Ok(Found::Choice(c)) => c,
        Ok(Found::Nothing) => return false,
        Ok(Found::Note(line)) => {
            run.provider_source = Some(line);
            return false;
        }
        Err(_) => {
            run.provider_source = Some(format!(
                "the service owner's account was not known within {}s (DescribeVpcEndpoints, DescribeVpcEndpointServices); pass --provider-profile or --provider-role-arn",
                BUDGET.as_secs()
            ));
            return false;
        }
    };
    let conf = provider_config(&choice.target, args, &run.region).await;
    let hint = match &choice.target {
        AccountTarget::Profile(p) => crate::facts::aws::login_hint(Some(p)).await,
        AccountTarget::Role(arn) => role_hint(arn),
    };
    if !facts.adopt_provider(&conf, hint) {
        return false;
    }
    match choice.target {
        AccountTarget::Profile(p) => run.provider_profile = Some(p),
        AccountTarget::Role(arn) => run.provider_role_arn = Some(arn),
    }
    run.provider_source = Some(choice.reason);
    true
}

/// The service owner's account id, and the credentials that reach it.
async fn owner_choice(facts: &Arc<Facts>, run: &RunContext, args: &DiagOptions) -> Found {
    // The keys the checks will ask: the same memo answers them.
    let scoped = facts.scoped_to(&run.target, &run.region);
    let Ok(ep) = scoped.endpoint(&run.target).await else {
        return Found::Nothing;
    };
    let (detail, consumer) = tokio::join!(
        scoped.service_detail_of(&ep),
        facts.caller_identity(Account::Consumer)
    );
    let owner = match detail {
        Ok(Some(d)) => d.owner,
        _ => None,
    };
    let Some(owner) = owner.filter(|o| discover::is_account_id(o)) else {
        // AWS services are owned by "amazon": there is no provider account to reach.
        return match crate::checks::service_id_from_name(&ep.service_name) {
            Some(_) => Found::Note(format!(
                "service owner's account unknown: the consumer's DescribeVpcEndpointServices does not list {}; pass --provider-profile or --provider-role-arn",
                ep.service_name
            )),
            None => Found::Nothing,
        };
    };
    // One account owns both sides: its own credentials answer for the provider.
    if consumer.is_ok_and(|i| i.account == owner) {
        return Found::Nothing;
    }
    let profiles = discover::load_profiles().await;
    let found = discover::accounts_of(&profiles, &discover::cached_identities());
    let file = args.config_file.as_deref().unwrap_or("the config file");
    let mapped = args.accounts.get(&owner).map(|t| (t, file));
    match discover::choose(&owner, mapped, &found, &discover::aws_config_file_name()) {
        Ok(c) => Found::Choice(c),
        Err(line) => Found::Note(line),
    }
}

/// The config file's ports for the endpoint's service, when `--port` named none.
pub(super) async fn default_ports(facts: &Arc<Facts>, run: &mut RunContext, args: &DiagOptions) {
    if !run.ports.is_empty() || args.default_ports.is_empty() || run.target.is_empty() {
        return;
    }
    if let Ok(Ok(ep)) = tokio::time::timeout(BUDGET, facts.endpoint(&run.target)).await
        && let Some(ports) = crate::config::ports_for(&args.default_ports, &ep.service_name)
    {
        run.ports = ports.clone();
    }
}
