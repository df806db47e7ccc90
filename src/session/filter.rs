//! `--filter`: which endpoints of an account a fleet scan (or the picker) selects. Below the
//! command line and the scan, so both can name it.

use serde::{Deserialize, Serialize};

use crate::facts::model::Endpoint;

/// `--filter`: one condition every selected endpoint meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum EndpointFilter {
    Tag { key: String, value: Option<String> },
    VpcId(String),
    ServiceName(String),
    State(String),
    Type(String),
}

impl std::str::FromStr for EndpointFilter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || {
            format!(
                "invalid --filter {s:?}: expected tag:KEY=VALUE, tag:KEY, vpc-id=vpc-…, service-name=NAME, state=STATE or type=Interface|Gateway|GatewayLoadBalancer"
            )
        };
        if let Some(rest) = s.strip_prefix("tag:") {
            return match rest.split_once('=') {
                Some((k, v)) if !k.is_empty() => Ok(EndpointFilter::Tag {
                    key: k.to_string(),
                    value: Some(v.to_string()),
                }),
                None if !rest.is_empty() => Ok(EndpointFilter::Tag {
                    key: rest.to_string(),
                    value: None,
                }),
                _ => Err(err()),
            };
        }
        let (name, value) = s.split_once('=').ok_or_else(err)?;
        if value.is_empty() {
            return Err(err());
        }
        match name {
            "vpc-id" => Ok(EndpointFilter::VpcId(value.to_string())),
            "service-name" => Ok(EndpointFilter::ServiceName(value.to_string())),
            "state" => Ok(EndpointFilter::State(value.to_string())),
            "type" => Ok(EndpointFilter::Type(value.to_string())),
            _ => Err(err()),
        }
    }
}

impl std::fmt::Display for EndpointFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EndpointFilter::Tag {
                key,
                value: Some(v),
            } => write!(f, "tag:{key}={v}"),
            EndpointFilter::Tag { key, value: None } => write!(f, "tag:{key}"),
            EndpointFilter::VpcId(v) => write!(f, "vpc-id={v}"),
            EndpointFilter::ServiceName(v) => write!(f, "service-name={v}"),
            EndpointFilter::State(v) => write!(f, "state={v}"),
            EndpointFilter::Type(v) => write!(f, "type={v}"),
        }
    }
}

impl EndpointFilter {
    pub fn matches(&self, ep: &Endpoint) -> bool {
        match self {
            EndpointFilter::Tag { key, value } => ep
                .tags
                .iter()
                .any(|(k, v)| k == key && value.as_ref().is_none_or(|want| want == v)),
            EndpointFilter::VpcId(v) => &ep.vpc_id == v,
            EndpointFilter::ServiceName(v) => {
                &ep.service_name == v || ep.service_name.ends_with(&format!(".{v}"))
            }
            EndpointFilter::State(v) => ep.state.eq_ignore_ascii_case(v),
            EndpointFilter::Type(v) => ep.endpoint_type.eq_ignore_ascii_case(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_match() {
        let ep = Endpoint {
            id: "vpce-1".into(),
            vpc_id: "vpc-1".into(),
            service_name: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0".into(),
            state: "available".into(),
            endpoint_type: "Interface".into(),
            tags: vec![("Team".into(), "payments".into())],
            ..Default::default()
        };
        let f = |s: &str| s.parse::<EndpointFilter>().unwrap();
        assert!(f("tag:Team=payments").matches(&ep));
        assert!(!f("tag:Team=search").matches(&ep));
        assert!(f("tag:Team").matches(&ep));
        assert!(f("vpc-id=vpc-1").matches(&ep));
        assert!(f("service-name=vpce-svc-0123456789abcdef0").matches(&ep));
        assert!(f("state=Available").matches(&ep));
        assert!(f("type=interface").matches(&ep));
        for bad in ["", "tag:", "vpc-id=", "color=blue", "tag:=x"] {
            assert!(bad.parse::<EndpointFilter>().is_err(), "{bad}");
        }
        assert_eq!(f("tag:Team=payments").to_string(), "tag:Team=payments");
    }
}
