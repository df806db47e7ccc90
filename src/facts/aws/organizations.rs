//! AWS Organizations: the accounts an organisation scan covers, read with the caller's own
//! credentials (the management or a delegated-administrator account).

use super::operations::LIST_ACCOUNTS;
use super::{AwsClients, paginate};
use crate::engine::outcome::Account;
use crate::facts::FactResult;
use crate::facts::model::Identity;

/// One account of the organisation as ListAccounts describes it. The name is the
/// organisation's own text: untrusted, sanitised by every face that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgAccount {
    pub id: String,
    pub name: String,
    /// `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` (the newer `State` when AWS sends it).
    pub status: String,
}

impl AwsClients {
    /// Every account of the caller's organisation, page by page.
    pub async fn organization_accounts(&self) -> FactResult<Vec<OrgAccount>> {
        paginate(LIST_ACCOUNTS.name, |token| async move {
            let out = self
                .call(Account::Consumer, &LIST_ACCOUNTS, |c| {
                    c.organizations.list_accounts().set_next_token(token).send()
                })
                .await?;
            let accounts = out
                .accounts()
                .iter()
                .map(|a| OrgAccount {
                    id: a.id().unwrap_or_default().to_string(),
                    name: a.name().unwrap_or_default().to_string(),
                    status: a
                        .state()
                        .map(|s| s.as_str().to_string())
                        .or_else(|| a.status().map(|s| s.as_str().to_string()))
                        .unwrap_or_default(),
                })
                .collect();
            Ok((accounts, out.next_token().map(str::to_string)))
        })
        .await
    }

    /// Who these clients' (consumer) credentials are: the organisation scan's caller, whose
    /// ARN names the partition of the roles it assumes.
    pub async fn caller(&self) -> FactResult<Identity> {
        super::sts::caller_identity(self, Account::Consumer).await
    }
}
