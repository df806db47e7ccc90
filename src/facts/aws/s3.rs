//! S3: the bucket policy behind an S3 endpoint.

use super::AwsClients;
use super::operations::GET_BUCKET_POLICY;
use crate::engine::outcome::Account;
use crate::facts::{FactError, FactResult};

/// The bucket's policy document, or `None` when the bucket has none (`NoSuchBucketPolicy`).
pub(super) async fn bucket_policy(aws: &AwsClients, bucket: &str) -> FactResult<Option<String>> {
    let answer = aws
        .call(Account::Consumer, &GET_BUCKET_POLICY, |c| {
            c.s3.get_bucket_policy().bucket(bucket).send()
        })
        .await;
    match answer {
        Ok(out) => Ok(out.policy().map(str::to_string)),
        Err(FactError::NotFound { code, .. }) if code == "NoSuchBucketPolicy" => Ok(None),
        Err(e) => Err(e),
    }
}
