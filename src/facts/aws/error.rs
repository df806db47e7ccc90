//! SDK errors classified into what the checks need to know: access denied, not found,
//! throttled, timed out, unsupported, or a transport failure.

use aws_sdk_ec2::config::http::HttpResponse;
use aws_sdk_ec2::error::{ProvideErrorMetadata, SdkError};

use crate::facts::FactError;

const ACCESS_DENIED: &[&str] = &[
    "UnauthorizedOperation",
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedAccess",
    "AuthFailure",
];
pub(super) const THROTTLED: &[&str] = &[
    "RequestLimitExceeded",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
    "RequestThrottled",
];
/// What AWS answers to credentials it no longer (or never did) accept.
pub const REJECTED_CREDENTIALS: &[&str] = &[
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "RequestExpired",
    "UnrecognizedClientException",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
];
const NOT_FOUND: &[&str] = &[
    "InvalidServiceName",
    "LoadBalancerNotFound",
    "TargetGroupNotFound",
    "ListenerNotFound",
    // Route 53: an unknown hosted zone id.
    "NoSuchHostedZone",
    // VPC Lattice: an unknown or unshared resource configuration or gateway.
    "ResourceNotFoundException",
    // S3: a bucket without a policy (an answer, mapped to `None`), or no bucket of that name.
    "NoSuchBucketPolicy",
    "NoSuchBucket",
];

/// Classify an SDK error into what the checks need to know.
pub fn map_sdk_error<E>(operation: &str, action: &str, err: SdkError<E, HttpResponse>) -> FactError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let op = operation.to_string();
    let code = err.code().map(str::to_string);
    let message = err.message().unwrap_or_default().to_string();
    // Refused credentials (an error code), or none to sign with (the provider failed).
    let credentials = match &code {
        Some(c) if REJECTED_CREDENTIALS.contains(&c.as_str()) => Some((c.clone(), message.clone())),
        Some(_) => None,
        None => credentials_failure(&err),
    };
    if let Some((code, message)) = credentials {
        return FactError::Credentials {
            operation: op,
            code,
            message,
            account: None,
            hint: String::new(),
        };
    }
    if let Some(code) = code {
        if ACCESS_DENIED.contains(&code.as_str()) {
            return FactError::AccessDenied {
                operation: op,
                action: action.to_string(),
                code,
                message,
            };
        }
        if THROTTLED.contains(&code.as_str()) {
            return FactError::Throttled {
                operation: op,
                code,
            };
        }
        if code.ends_with(".NotFound")
            || code.ends_with(".Malformed")
            || NOT_FOUND.contains(&code.as_str())
        {
            return FactError::NotFound {
                operation: op,
                code,
                message,
            };
        }
        return FactError::Service {
            operation: op,
            code,
            message,
        };
    }
    match &err {
        SdkError::TimeoutError(_) => FactError::Timeout {
            operation: op,
            after_secs: None,
        },
        SdkError::DispatchFailure(df) if df.is_timeout() => FactError::Timeout {
            operation: op,
            after_secs: None,
        },
        // moto answers an operation it lacks with a 500 page; a 502-504 page is a gateway or
        // the service being unavailable, after the SDK's retries.
        SdkError::ServiceError(se) if matches!(se.raw().status().as_u16(), 500 | 501) => {
            let status = se.raw().status().as_u16();
            FactError::Unsupported {
                operation: op,
                message: crate::t!("aws-error-http-no-code", status = status),
            }
        }
        SdkError::ServiceError(se) if se.raw().status().as_u16() >= 500 => {
            let status = se.raw().status().as_u16();
            FactError::Transport {
                operation: op,
                message: crate::t!("aws-error-http-unavailable", status = status),
            }
        }
        // The innermost cause says it best ("Connection reset by peer", "the answer ends
        // before …"); the SDK's full context adds only its internal types.
        SdkError::DispatchFailure(df) if df.is_io() => FactError::Transport {
            operation: op,
            message: one_line(&crate::t!("aws-error-no-answer", cause = innermost(&err))),
        },
        SdkError::ResponseError(_) => FactError::Transport {
            operation: op,
            message: one_line(&crate::t!("aws-error-unreadable", cause = innermost(&err))),
        },
        // An answer with no error code that did not parse either (not XML, not UTF-8).
        SdkError::ServiceError(se) => FactError::Transport {
            operation: op.clone(),
            message: one_line(&crate::t!(
                "aws-error-unreadable-http",
                status = se.raw().status().as_u16(),
                cause = innermost(&err)
            )),
        },
        _ => FactError::Transport {
            operation: op,
            message: one_line(&chain(&err)),
        },
    }
}

/// No credentials to sign with: measured with a `credential_process` that exits 1, an SSO
/// profile whose cached token has expired and an empty default chain, the SDK answers a
/// `DispatchFailure` of kind "other" whose causes hold a `CredentialsError` (the SSO case a
/// `TokenError` below it). The code names the provider's failure, the message its causes.
fn credentials_failure(err: &(dyn std::error::Error + 'static)) -> Option<(String, String)> {
    use aws_credential_types::provider::error::CredentialsError;
    use std::error::Error;
    let mut e = err;
    loop {
        if let Some(c) = e.downcast_ref::<CredentialsError>() {
            let code = match c {
                CredentialsError::CredentialsNotLoaded(_) => "CredentialsNotLoaded",
                CredentialsError::ProviderTimedOut(_) => "CredentialsProviderTimedOut",
                CredentialsError::InvalidConfiguration(_) => "InvalidCredentialsConfiguration",
                CredentialsError::ProviderError(_) => "CredentialsProviderError",
                _ => "CredentialsUnavailable",
            };
            let message = match c.source() {
                Some(cause) => chain(cause),
                None => c.to_string(),
            };
            // The providers' wrappers say nothing the code does not.
            let message = message
                .replace("an error occurred while loading credentials: ", "")
                .replace("an error occurred while loading an access token: ", "");
            return Some((code.to_string(), one_line(&message)));
        }
        e = e.source()?;
    }
}

/// Every cause of `err`, outermost first, each said once (the SDK's `DisplayErrorContext`
/// adds a dump of its internal types, which helps no reader).
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = vec![err.to_string()];
    let mut e = err;
    while let Some(source) = e.source() {
        let text = source.to_string();
        if !parts.last().is_some_and(|p| p.contains(&text)) {
            parts.push(text);
        }
        e = source;
    }
    parts.join(": ")
}

fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut e = err;
    while let Some(source) = e.source() {
        e = source;
    }
    e.to_string()
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 300 {
        s.chars().take(300).collect::<String>() + "…"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_credential_types::provider::error::CredentialsError;
    use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;
    use aws_smithy_runtime_api::client::result::ConnectorError;

    /// The shape measured for a `credential_process` that exits 1: a dispatch failure of
    /// kind "other" around the provider's error.
    #[test]
    fn a_credential_provider_failure_is_a_credentials_error() {
        let provider = CredentialsError::provider_error(CredentialsError::provider_error(
            "Error retrieving credentials: external process exited with code exit status: 1",
        ));
        let err: SdkError<GetCallerIdentityError, HttpResponse> =
            SdkError::dispatch_failure(ConnectorError::other(Box::new(provider), None));
        match map_sdk_error("GetCallerIdentity", "sts:GetCallerIdentity", err) {
            FactError::Credentials { code, message, .. } => {
                assert_eq!(code, "CredentialsProviderError");
                assert_eq!(
                    message,
                    "Error retrieving credentials: external process exited with code exit status: 1"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_credentials_error_of_an_older_shape_reads_back() {
        let e: FactError = serde_json::from_str(
            r#"{"kind":"credentials","operation":"DescribeVpcs","code":"ExpiredToken","message":"m"}"#,
        )
        .unwrap();
        assert!(e.is_credentials());
    }

    /// Other dispatch failures stay transport failures.
    #[test]
    fn a_refused_connection_is_not_a_credentials_error() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let err: SdkError<GetCallerIdentityError, HttpResponse> =
            SdkError::dispatch_failure(ConnectorError::io(Box::new(io)));
        assert!(matches!(
            map_sdk_error("GetCallerIdentity", "sts:GetCallerIdentity", err),
            FactError::Transport { .. }
        ));
    }
}
