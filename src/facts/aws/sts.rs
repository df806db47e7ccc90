//! STS: who the tool is in each account.

use super::AwsClients;
use super::operations::GET_CALLER_IDENTITY;
use crate::engine::outcome::Account;
use crate::facts::FactResult;
use crate::facts::model::Identity;

pub(super) async fn caller_identity(aws: &AwsClients, account: Account) -> FactResult<Identity> {
    let out = aws
        .call(account, &GET_CALLER_IDENTITY, |c| {
            c.sts.get_caller_identity().send()
        })
        .await?;
    Ok(Identity {
        account: out.account().unwrap_or_default().to_string(),
        arn: out.arn().unwrap_or_default().to_string(),
    })
}
