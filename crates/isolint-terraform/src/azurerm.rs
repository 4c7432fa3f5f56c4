//! Mapping of azurerm and azapi resources onto ARM-shaped resources.
//!
//! One table entry per Terraform resource type: the ARM type, and where each
//! attribute goes in the ARM body (the paths and defaults are those of
//! `azure-model.md`, for azurerm 4.x). Attributes absent from the
//! configuration get the provider's default, marked as defaulted and located
//! at the resource block. Association resources
//! (`azurerm_subnet_network_security_group_association`, …) and
//! `azapi_update_resource` become patches applied to their target.

use crate::eval::Record;
use isolint_model::types as t;
use isolint_model::ValueMap;
use isolint_model::{Data, Format, Origin, OriginKind, ResKey, Resource, Span, Value};

/// A property written onto another resource (association resources, `azapi_update_resource`).
pub struct Patch {
    pub target: Value,
    pub path: String,
    pub value: Value,
    pub site: Span,
}

/// What one record becomes.
pub struct Mapped {
    pub resource: Resource,
    /// Further resources (a PE's inline DNS zone group).
    pub extra: Vec<Resource>,
    pub patches: Vec<Patch>,
}

struct M<'r> {
    rec: &'r Record,
    key: ResKey,
    res: Resource,
    extra: Vec<Resource>,
    patches: Vec<Patch>,
}

impl<'r> M<'r> {
    fn a(&self, path: &str) -> Option<&'r Value> {
        self.rec.attrs.path(path).filter(|v| !v.is_null())
    }
    fn site(&self, tf: &str) -> Span {
        self.rec.sites.get(tf).copied().unwrap_or(self.rec.span)
    }
    fn defaulted(&self, d: Data) -> Value {
        Value::new(d, Origin::defaulted(Some(self.rec.span)))
    }
    fn set(&mut self, arm: &str, v: Value, tf: &str) {
        let site = self.site(tf);
        self.res.body.set_path(arm, v);
        self.res.sites.insert(arm.to_string(), site);
    }
    fn copy(&mut self, tf: &str, arm: &str) {
        if let Some(v) = self.a(tf) {
            self.set(arm, v.clone(), tf);
        }
    }
    fn copy_or(&mut self, tf: &str, arm: &str, default: &str) {
        match self.a(tf) {
            Some(v) => self.set(arm, v.clone(), tf),
            None => {
                let v = self.defaulted(Data::String(default.into()));
                self.res.body.set_path(arm, v);
            }
        }
    }
    /// A boolean attribute sent as `Enabled` / `Disabled`.
    fn enabled(&mut self, tf: &str, arm: &str, default: Option<bool>) {
        match self.a(tf) {
            Some(v) => {
                let out = map_bool(v, |b| {
                    Data::String(if b { "Enabled" } else { "Disabled" }.into())
                });
                self.set(arm, out, tf);
            }
            None => {
                if let Some(b) = default {
                    let v =
                        self.defaulted(Data::String(if b { "Enabled" } else { "Disabled" }.into()));
                    self.res.body.set_path(arm, v);
                }
            }
        }
    }
    fn boolean(&mut self, tf: &str, arm: &str, default: Option<bool>, invert: bool) {
        match self.a(tf) {
            Some(v) => {
                let out = map_bool(v, |b| Data::Bool(b != invert));
                self.set(arm, out, tf);
            }
            None => {
                if let Some(b) = default {
                    let v = self.defaulted(Data::Bool(b != invert));
                    self.res.body.set_path(arm, v);
                }
            }
        }
    }
    /// A list of IDs sent as `[{ "id": … }]`.
    fn id_list(&mut self, tf: &str, arm: &str) {
        if let Some(v) = self.a(tf) {
            let out = match &v.data {
                Data::List(items) => Value::new(
                    Data::List(
                        items
                            .iter()
                            .map(|i| obj(&[("id", i.clone())]).with_origin(i.origin))
                            .collect(),
                    ),
                    v.origin,
                ),
                _ => v.clone(),
            };
            self.set(arm, out, tf);
        }
    }
    /// Each block at `tf` becomes an object `{arm_key: block.tf_key}` in the
    /// list at `arm` (`network_rule_set.virtual_network[].subnet_id` →
    /// `networkRuleSet.virtualNetworkRules[].id`).
    fn blocks_as(&mut self, tf: &str, tf_key: &str, arm: &str, arm_key: &str) {
        let Some(Data::List(items)) = self.a(tf).map(|v| v.data.clone()) else {
            return;
        };
        let list: Vec<Value> = items
            .iter()
            .map(|i| {
                obj(&[(
                    arm_key,
                    i.get(tf_key).cloned().unwrap_or_else(Value::unknown),
                )])
                .with_origin(i.origin)
            })
            .collect();
        self.set(arm, Value::list(list), tf);
    }
    fn parent(&mut self, tf: &str) {
        if let Some(v) = self.a(tf) {
            self.res.parent = Some(v.clone());
        }
    }
    fn patch(&mut self, target_tf: &str, path: &str, value_tf: &str) {
        if let (Some(target), Some(v)) = (self.a(target_tf), self.a(value_tf)) {
            let site = self.site(value_tf);
            self.patches.push(Patch {
                target: target.clone(),
                path: path.to_string(),
                value: v.clone(),
                site,
            });
        }
    }
    fn reference(&self) -> Value {
        Value::unknown().with_resource(Some(self.key))
    }
}

fn map_bool(v: &Value, f: impl Fn(bool) -> Data) -> Value {
    match v.as_bool() {
        Some(b) => Value::new(f(b), v.origin),
        None => Value::unknown_at(v.span()).with_resource(v.origin.resource),
    }
}

fn obj(entries: &[(&str, Value)]) -> Value {
    let mut m = ValueMap::new();
    for (k, v) in entries {
        m.insert((*k).to_string(), v.clone());
    }
    Value::map(m)
}

/// The ARM type of a Terraform resource type, when it maps onto one.
pub fn arm_type(tf_type: &str) -> Option<&'static str> {
    Some(match tf_type {
        "azurerm_machine_learning_workspace"
        | "azurerm_ai_foundry"
        | "azurerm_ai_foundry_project" => t::WORKSPACE,
        "azurerm_machine_learning_compute_cluster"
        | "azurerm_machine_learning_compute_instance"
        | "azurerm_machine_learning_inference_cluster"
        | "azurerm_machine_learning_synapse_spark" => t::COMPUTE,
        "azurerm_container_registry" => t::REGISTRY,
        "azurerm_storage_account" => t::STORAGE,
        "azurerm_key_vault" => t::KEY_VAULT,
        "azurerm_application_insights" => t::APP_INSIGHTS,
        "azurerm_log_analytics_workspace" => t::LOG_ANALYTICS,
        "azurerm_monitor_private_link_scope" => t::PRIVATE_LINK_SCOPE,
        "azurerm_monitor_private_link_scoped_service" => t::SCOPED_RESOURCE,
        "azurerm_private_endpoint" => t::PRIVATE_ENDPOINT,
        "azurerm_private_dns_zone" => t::PRIVATE_DNS_ZONE,
        "azurerm_private_dns_zone_virtual_network_link" => t::DNS_ZONE_LINK,
        "azurerm_virtual_network" => t::VNET,
        "azurerm_subnet" => t::SUBNET,
        "azurerm_virtual_network_peering" => t::PEERING,
        "azurerm_network_security_group" => t::NSG,
        "azurerm_network_security_rule" => t::NSG_RULE,
        "azurerm_route_table" => t::ROUTE_TABLE,
        "azurerm_route" => t::ROUTE,
        "azurerm_nat_gateway" => t::NAT_GATEWAY,
        "azurerm_network_interface" => t::NIC,
        "azurerm_linux_virtual_machine"
        | "azurerm_windows_virtual_machine"
        | "azurerm_virtual_machine" => t::VM,
        "azurerm_firewall" => t::FIREWALL,
        "azurerm_firewall_policy" => t::FIREWALL_POLICY,
        "azurerm_firewall_policy_rule_collection_group" => t::FIREWALL_RULE_GROUP,
        "azurerm_firewall_application_rule_collection" => FIREWALL_APP_COLLECTION,
        "azurerm_firewall_network_rule_collection" => FIREWALL_NET_COLLECTION,
        "azurerm_container_group" => t::CONTAINER_GROUP,
        "azurerm_resource_group" => "Microsoft.Resources/resourceGroups",
        _ => return None,
    })
}

/// Maps one evaluated record.
pub fn map(rec: &Record, key: ResKey) -> Mapped {
    let format = Format::Terraform;
    let (ty, api) = match rec.ty.as_str() {
        "azapi_resource" => {
            let full = rec.attrs.get("type").and_then(Value::as_str).unwrap_or("");
            match full.split_once('@') {
                Some((ty, api)) => (ty.to_string(), Some(api.to_string())),
                None if !full.is_empty() => (full.to_string(), None),
                None => (rec.ty.clone(), None),
            }
        }
        other => (
            arm_type(other)
                .map(str::to_string)
                .unwrap_or_else(|| other.to_string()),
            None,
        ),
    };
    let mut res = Resource::new(rec.address.clone(), ty, rec.span, format);
    res.api_version = api;
    res.source_type = Some(rec.ty.clone());
    res.existing = rec.data;
    res.trail = rec.trail.clone();
    res.uncertain = rec.uncertain;
    res.name = rec
        .attrs
        .get("name")
        .cloned()
        .unwrap_or_else(Value::unknown);
    res.resource_group = rec.attrs.get("resource_group_name").cloned();
    let mut m = M {
        rec,
        key,
        res,
        extra: Vec::new(),
        patches: Vec::new(),
    };
    if rec.data {
        // Data sources: only the arguments are known; everything else is unknown.
        if m.res.resource_type == t::SUBNET {
            m.parent("virtual_network_name");
        }
        if m.res.resource_type == t::DNS_ZONE_LINK {
            m.parent("private_dns_zone_name");
        }
        return finish(m);
    }
    m.copy("location", "location");
    m.copy("tags", "tags");
    if let Some(id) = rec.attrs.path("identity.0.type").filter(|v| !v.is_null()) {
        let v = match id.as_str() {
            Some(s) => Value::new(Data::String(s.replace(", ", ",")), id.origin),
            None => id.clone(),
        };
        m.set("identity.type", v, "identity.0.type");
    }
    match rec.ty.as_str() {
        "azurerm_machine_learning_workspace"
        | "azurerm_ai_foundry"
        | "azurerm_ai_foundry_project" => workspace(&mut m),
        "azurerm_machine_learning_compute_cluster" => {
            compute_common(&mut m, "AmlCompute");
            m.copy("vm_size", "properties.properties.vmSize");
            m.copy("vm_priority", "properties.properties.vmPriority");
            m.boolean(
                "node_public_ip_enabled",
                "properties.properties.enableNodePublicIp",
                Some(true),
                false,
            );
            m.copy(
                "scale_settings.0.max_node_count",
                "properties.properties.scaleSettings.maxNodeCount",
            );
            m.copy(
                "scale_settings.0.min_node_count",
                "properties.properties.scaleSettings.minNodeCount",
            );
            m.copy("location", "properties.computeLocation");
        }
        "azurerm_machine_learning_compute_instance" => {
            compute_common(&mut m, "ComputeInstance");
            m.copy("virtual_machine_size", "properties.properties.vmSize");
            m.boolean(
                "node_public_ip_enabled",
                "properties.properties.enableNodePublicIp",
                Some(true),
                false,
            );
        }
        "azurerm_machine_learning_inference_cluster" => {
            compute_common(&mut m, "AKS");
            m.copy("kubernetes_cluster_id", "properties.resourceId");
        }
        "azurerm_machine_learning_synapse_spark" => {
            compute_common(&mut m, "SynapseSpark");
            m.copy("synapse_spark_pool_id", "properties.resourceId");
        }
        "azurerm_container_registry" => {
            m.copy("sku", "sku.name");
            m.enabled(
                "public_network_access_enabled",
                "properties.publicNetworkAccess",
                Some(true),
            );
            m.copy_or(
                "network_rule_bypass_option",
                "properties.networkRuleBypassOptions",
                "AzureServices",
            );
            m.boolean(
                "admin_enabled",
                "properties.adminUserEnabled",
                Some(false),
                false,
            );
            m.boolean(
                "data_endpoint_enabled",
                "properties.dataEndpointEnabled",
                None,
                false,
            );
            if m.a("network_rule_set").is_some() {
                m.copy_or(
                    "network_rule_set.0.default_action",
                    "properties.networkRuleSet.defaultAction",
                    "Allow",
                );
                m.copy(
                    "network_rule_set.0.ip_rule",
                    "properties.networkRuleSet.ipRules",
                );
                // azurerm 3.x only (removed in 4.0): service endpoint rules.
                m.blocks_as(
                    "network_rule_set.0.virtual_network",
                    "subnet_id",
                    "properties.networkRuleSet.virtualNetworkRules",
                    "id",
                );
            }
        }
        "azurerm_storage_account" => {
            storage(&mut m);
        }
        "azurerm_storage_account_network_rules" => {
            m.patch(
                "storage_account_id",
                "properties.networkAcls.defaultAction",
                "default_action",
            );
            if m.a("bypass").is_some() {
                let bypass = join_list(m.a("bypass"));
                let site = m.site("bypass");
                if let Some(target) = m.a("storage_account_id").cloned() {
                    m.patches.push(Patch {
                        target,
                        path: "properties.networkAcls.bypass".into(),
                        value: bypass,
                        site,
                    });
                }
            }
            // Resource instance rules and service endpoint rules, shaped as on
            // the storage account itself.
            if let Some(Data::List(items)) = m.a("private_link_access").map(|v| v.data.clone()) {
                let origin = m.a("private_link_access").map(|v| v.origin);
                let rules: Vec<Value> = items
                    .iter()
                    .map(|i| {
                        obj(&[(
                            "resourceId",
                            i.get("endpoint_resource_id")
                                .cloned()
                                .unwrap_or_else(Value::unknown),
                        )])
                        .with_origin(i.origin)
                    })
                    .collect();
                let mut value = Value::list(rules);
                if let Some(o) = origin {
                    value = value.with_origin(o);
                }
                let site = m.site("private_link_access");
                if let Some(target) = m.a("storage_account_id").cloned() {
                    m.patches.push(Patch {
                        target,
                        path: "properties.networkAcls.resourceAccessRules".into(),
                        value,
                        site,
                    });
                }
            }
            if let Some(v) = m.a("virtual_network_subnet_ids") {
                let value = match &v.data {
                    Data::List(items) => Value::new(
                        Data::List(
                            items
                                .iter()
                                .map(|i| obj(&[("id", i.clone())]).with_origin(i.origin))
                                .collect(),
                        ),
                        v.origin,
                    ),
                    _ => v.clone(),
                };
                let site = m.site("virtual_network_subnet_ids");
                if let Some(target) = m.a("storage_account_id").cloned() {
                    m.patches.push(Patch {
                        target,
                        path: "properties.networkAcls.virtualNetworkRules".into(),
                        value,
                        site,
                    });
                }
            }
        }
        "azurerm_key_vault" => {
            m.copy("sku_name", "sku.name");
            m.enabled(
                "public_network_access_enabled",
                "properties.publicNetworkAccess",
                Some(true),
            );
            if m.a("network_acls").is_some() {
                m.copy(
                    "network_acls.0.default_action",
                    "properties.networkAcls.defaultAction",
                );
                m.copy("network_acls.0.bypass", "properties.networkAcls.bypass");
                m.id_list(
                    "network_acls.0.virtual_network_subnet_ids",
                    "properties.networkAcls.virtualNetworkRules",
                );
            }
            m.boolean(
                "rbac_authorization_enabled",
                "properties.enableRbacAuthorization",
                None,
                false,
            );
            m.boolean(
                "enable_rbac_authorization",
                "properties.enableRbacAuthorization",
                None,
                false,
            );
        }
        "azurerm_application_insights" => {
            m.copy("workspace_id", "properties.WorkspaceResourceId");
            m.copy("application_type", "kind");
            m.enabled(
                "internet_ingestion_enabled",
                "properties.publicNetworkAccessForIngestion",
                Some(true),
            );
            m.enabled(
                "internet_query_enabled",
                "properties.publicNetworkAccessForQuery",
                Some(true),
            );
        }
        "azurerm_monitor_private_link_scope" => {
            m.copy_or(
                "ingestion_access_mode",
                "properties.accessModeSettings.ingestionAccessMode",
                "Open",
            );
            m.copy_or(
                "query_access_mode",
                "properties.accessModeSettings.queryAccessMode",
                "Open",
            );
        }
        "azurerm_monitor_private_link_scoped_service" => {
            m.parent("scope_name");
            m.copy("linked_resource_id", "properties.linkedResourceId");
        }
        "azurerm_private_endpoint" => private_endpoint(&mut m),
        "azurerm_private_dns_zone_virtual_network_link" => {
            if m.a("private_dns_zone_id").is_some() {
                m.parent("private_dns_zone_id");
            } else {
                m.parent("private_dns_zone_name");
            }
            m.copy("virtual_network_id", "properties.virtualNetwork.id");
            m.boolean(
                "registration_enabled",
                "properties.registrationEnabled",
                Some(false),
                false,
            );
        }
        "azurerm_virtual_network" => vnet(&mut m),
        "azurerm_subnet" => {
            m.parent("virtual_network_name");
            subnet_props(&mut m, "", "properties");
        }
        "azurerm_subnet_network_security_group_association" => {
            m.patch(
                "subnet_id",
                "properties.networkSecurityGroup.id",
                "network_security_group_id",
            );
        }
        "azurerm_network_interface" => network_interface(&mut m),
        "azurerm_network_interface_security_group_association" => {
            m.patch(
                "network_interface_id",
                "properties.networkSecurityGroup.id",
                "network_security_group_id",
            );
        }
        "azurerm_linux_virtual_machine"
        | "azurerm_windows_virtual_machine"
        | "azurerm_virtual_machine" => {
            m.id_list(
                "network_interface_ids",
                "properties.networkProfile.networkInterfaces",
            );
        }
        "azurerm_subnet_route_table_association" => {
            m.patch("subnet_id", "properties.routeTable.id", "route_table_id");
        }
        "azurerm_subnet_nat_gateway_association" => {
            m.patch("subnet_id", "properties.natGateway.id", "nat_gateway_id");
        }
        "azurerm_virtual_network_peering" => {
            m.parent("virtual_network_name");
            m.copy(
                "remote_virtual_network_id",
                "properties.remoteVirtualNetwork.id",
            );
            m.boolean(
                "allow_virtual_network_access",
                "properties.allowVirtualNetworkAccess",
                Some(true),
                false,
            );
            m.boolean(
                "allow_forwarded_traffic",
                "properties.allowForwardedTraffic",
                Some(false),
                false,
            );
        }
        "azurerm_network_security_group" => {
            if let Some(Data::List(rules)) = m.a("security_rule").map(|v| v.data.clone()) {
                let arm: Vec<Value> = rules.iter().map(nsg_rule_value).collect();
                m.set(
                    "properties.securityRules",
                    Value::list(arm),
                    "security_rule",
                );
            }
        }
        "azurerm_network_security_rule" => {
            m.parent("network_security_group_name");
            let v = nsg_rule_value(&rec.attrs);
            if let Some(p) = v.get("properties") {
                m.res.body.set_path("properties", p.clone());
            }
        }
        "azurerm_route_table" => {
            if let Some(Data::List(routes)) = m.a("route").map(|v| v.data.clone()) {
                let arm: Vec<Value> = routes.iter().map(route_value).collect();
                m.set("properties.routes", Value::list(arm), "route");
            }
            m.boolean(
                "bgp_route_propagation_enabled",
                "properties.disableBgpRoutePropagation",
                None,
                true,
            );
        }
        "azurerm_route" => {
            m.parent("route_table_name");
            let v = route_value(&rec.attrs);
            if let Some(p) = v.get("properties") {
                m.res.body.set_path("properties", p.clone());
            }
        }
        "azurerm_nat_gateway" => {
            m.copy_or("sku_name", "sku.name", "Standard");
        }
        "azurerm_container_group" => {
            m.copy_or("ip_address_type", "properties.ipAddress.type", "Public");
            m.id_list("subnet_ids", "properties.subnetIds");
        }
        "azurerm_firewall_policy_rule_collection_group" => firewall_rule_group(&mut m),
        "azurerm_firewall_application_rule_collection" => firewall_app_collection(&mut m),
        "azurerm_firewall_network_rule_collection" => firewall_net_collection(&mut m),
        "azurerm_firewall" => firewall(&mut m),
        "azurerm_firewall_policy" => {
            m.copy("base_policy_id", "properties.basePolicy.id");
            m.boolean(
                "dns.0.proxy_enabled",
                "properties.dnsSettings.enableProxy",
                None,
                false,
            );
        }
        "azapi_resource" => azapi(&mut m),
        "azapi_update_resource" => {
            if let (Some(target), Some(body)) = (m.a("resource_id").cloned(), m.a("body").cloned())
            {
                let site = m.site("body");
                let body = decode_body(body);
                let mut flat = Vec::new();
                flatten(&body, String::new(), &mut flat);
                for (path, value) in flat {
                    m.patches.push(Patch {
                        target: target.clone(),
                        path,
                        value,
                        site,
                    });
                }
            }
        }
        _ => {}
    }
    finish(m)
}

fn finish(m: M<'_>) -> Mapped {
    Mapped {
        resource: m.res,
        extra: m.extra,
        patches: m.patches,
    }
}

fn workspace(m: &mut M<'_>) {
    let ty = m.rec.ty.as_str();
    match ty {
        "azurerm_ai_foundry" => {
            m.set("kind", m.defaulted(Data::String("Hub".into())), "name");
            m.copy_or(
                "public_network_access",
                "properties.publicNetworkAccess",
                "Enabled",
            );
            m.boolean(
                "high_business_impact_enabled",
                "properties.hbiWorkspace",
                None,
                false,
            );
        }
        "azurerm_ai_foundry_project" => {
            m.set("kind", m.defaulted(Data::String("Project".into())), "name");
            m.copy("ai_services_hub_id", "properties.hubResourceId");
        }
        _ => {
            m.copy_or("kind", "kind", "Default");
            m.enabled(
                "public_network_access_enabled",
                "properties.publicNetworkAccess",
                Some(true),
            );
            m.boolean(
                "high_business_impact",
                "properties.hbiWorkspace",
                None,
                false,
            );
        }
    }
    m.copy("sku_name", "sku.name");
    m.copy("image_build_compute_name", "properties.imageBuildCompute");
    m.copy("storage_account_id", "properties.storageAccount");
    m.copy("key_vault_id", "properties.keyVault");
    m.copy("container_registry_id", "properties.containerRegistry");
    m.copy("application_insights_id", "properties.applicationInsights");
    m.boolean(
        "v1_legacy_mode_enabled",
        "properties.v1LegacyMode",
        Some(false),
        false,
    );
    m.copy_or(
        "managed_network.0.isolation_mode",
        "properties.managedNetwork.isolationMode",
        "Disabled",
    );
    if m.a("serverless_compute").is_some() {
        m.copy(
            "serverless_compute.0.subnet_id",
            "properties.serverlessComputeSettings.serverlessComputeCustomSubnet",
        );
        m.boolean(
            "serverless_compute.0.public_ip_enabled",
            "properties.serverlessComputeSettings.serverlessComputeNoPublicIP",
            Some(false),
            true,
        );
    }
}

fn compute_common(m: &mut M<'_>, kind: &str) {
    m.parent("machine_learning_workspace_id");
    let v = m.defaulted(Data::String(kind.into()));
    m.res.body.set_path("properties.computeType", v);
    m.copy("subnet_resource_id", "properties.properties.subnet.id");
    m.boolean(
        "local_auth_enabled",
        "properties.disableLocalAuth",
        Some(true),
        true,
    );
}

fn storage(m: &mut M<'_>) {
    if let (Some(tier), Some(rep)) = (m.a("account_tier"), m.a("account_replication_type")) {
        let v = match (tier.as_str(), rep.as_str()) {
            (Some(t), Some(r)) => Value::new(Data::String(format!("{t}_{r}")), tier.origin),
            _ => Value::unknown_at(tier.span()),
        };
        m.set("sku.name", v, "account_tier");
    }
    m.copy_or("account_kind", "kind", "StorageV2");
    m.enabled(
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        Some(true),
    );
    m.boolean(
        "allow_nested_items_to_be_public",
        "properties.allowBlobPublicAccess",
        Some(true),
        false,
    );
    m.boolean("is_hns_enabled", "properties.isHnsEnabled", None, false);
    if m.a("network_rules").is_some() {
        m.copy(
            "network_rules.0.default_action",
            "properties.networkAcls.defaultAction",
        );
        if m.a("network_rules.0.bypass").is_some() {
            let v = join_list(m.a("network_rules.0.bypass"));
            m.set("properties.networkAcls.bypass", v, "network_rules.0.bypass");
        }
        m.id_list(
            "network_rules.0.virtual_network_subnet_ids",
            "properties.networkAcls.virtualNetworkRules",
        );
        m.blocks_as(
            "network_rules.0.private_link_access",
            "endpoint_resource_id",
            "properties.networkAcls.resourceAccessRules",
            "resourceId",
        );
    }
}

/// A set of strings sent as one comma-separated string (`Logging, AzureServices`).
fn join_list(v: Option<&Value>) -> Value {
    let Some(v) = v else { return Value::unknown() };
    match &v.data {
        Data::List(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect();
            match parts {
                Some(p) => Value::new(Data::String(p.join(", ")), v.origin),
                None => Value::unknown_at(v.span()),
            }
        }
        _ => v.clone(),
    }
}

fn private_endpoint(m: &mut M<'_>) {
    m.copy("subnet_id", "properties.subnet.id");
    if let Some(psc) = m.a("private_service_connection.0") {
        let manual = psc
            .get("is_manual_connection")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let conn = obj(&[
            ("name", psc.get("name").cloned().unwrap_or_else(Value::null)),
            (
                "properties",
                obj(&[
                    (
                        "privateLinkServiceId",
                        psc.get("private_connection_resource_id")
                            .cloned()
                            .unwrap_or_else(Value::unknown),
                    ),
                    (
                        "groupIds",
                        psc.get("subresource_names")
                            .cloned()
                            .unwrap_or_else(|| Value::list(Vec::new())),
                    ),
                ]),
            ),
        ])
        .with_origin(psc.origin);
        let path = if manual {
            "properties.manualPrivateLinkServiceConnections"
        } else {
            "properties.privateLinkServiceConnections"
        };
        m.set(
            path,
            Value::list(vec![conn]),
            "private_service_connection.0",
        );
        m.res.sites.insert(
            format!("{path}.0.properties.groupIds"),
            m.site("private_service_connection.0.subresource_names"),
        );
    }
    if let Some(zg) = m.a("private_dns_zone_group.0") {
        let span = m.site("private_dns_zone_group.0");
        let mut g = Resource::new(
            format!("{}.private_dns_zone_group", m.rec.address),
            t::DNS_ZONE_GROUP,
            span,
            Format::Terraform,
        );
        g.source_type = Some(m.rec.ty.clone());
        g.uncertain = m.rec.uncertain;
        g.trail = m.rec.trail.clone();
        g.name = zg.get("name").cloned().unwrap_or_else(Value::unknown);
        g.parent = Some(m.reference());
        let ids = zg
            .get("private_dns_zone_ids")
            .cloned()
            .unwrap_or_else(|| Value::list(Vec::new()));
        let configs = match &ids.data {
            Data::List(items) => Value::new(
                Data::List(
                    items
                        .iter()
                        .map(|i| {
                            obj(&[("properties", obj(&[("privateDnsZoneId", i.clone())]))])
                                .with_origin(i.origin)
                        })
                        .collect(),
                ),
                ids.origin,
            ),
            _ => Value::unknown_at(ids.span()),
        };
        g.body.set_path("properties.privateDnsZoneConfigs", configs);
        if let Some(s) = m
            .rec
            .sites
            .get("private_dns_zone_group.0.private_dns_zone_ids")
        {
            g.sites
                .insert("properties.privateDnsZoneConfigs".into(), *s);
        }
        m.extra.push(g);
    }
}

fn vnet(m: &mut M<'_>) {
    m.copy("address_space", "properties.addressSpace.addressPrefixes");
    m.copy("dns_servers", "properties.dhcpOptions.dnsServers");
    let Some(Data::List(subnets)) = m.a("subnet").map(|v| v.data.clone()) else {
        return;
    };
    let mut out = Vec::new();
    for (i, s) in subnets.iter().enumerate() {
        let mut sv = Value::empty_map().with_origin(s.origin);
        if let Some(n) = s.get("name") {
            sv.set_path("name", n.clone());
        }
        let mut props = Value::empty_map();
        if let Some(p) = s.get("address_prefixes").filter(|v| !v.is_null()) {
            props.set_path("addressPrefixes", p.clone());
        } else if let Some(p) = s.get("address_prefix").filter(|v| !v.is_null()) {
            props.set_path("addressPrefix", p.clone());
        }
        if let Some(g) = s.get("security_group").filter(|v| !v.is_null()) {
            props.set_path("networkSecurityGroup.id", g.clone());
        }
        if let Some(g) = s.get("route_table_id").filter(|v| !v.is_null()) {
            props.set_path("routeTable.id", g.clone());
        }
        if let Some(d) = s
            .get("default_outbound_access_enabled")
            .filter(|v| !v.is_null())
        {
            props.set_path("defaultOutboundAccess", d.clone());
        }
        if let Some(Data::List(dl)) = s.get("delegation").map(|v| v.data.clone()) {
            props.set_path(
                "delegations",
                Value::list(dl.iter().map(delegation_value).collect()),
            );
        }
        sv.set_path("properties", props);
        let base = format!("subnet.{i}");
        for (k, arm) in [
            ("address_prefixes", "properties.addressPrefixes"),
            ("address_prefix", "properties.addressPrefix"),
            ("delegation", "properties.delegations"),
        ] {
            if let Some(site) = m.rec.sites.get(&format!("{base}.{k}")) {
                m.res
                    .sites
                    .insert(format!("properties.subnets.{i}.{arm}"), *site);
            }
        }
        out.push(sv);
    }
    m.set("properties.subnets", Value::list(out), "subnet");
}

fn delegation_value(d: &Value) -> Value {
    obj(&[
        ("name", d.get("name").cloned().unwrap_or_else(Value::null)),
        (
            "properties",
            obj(&[(
                "serviceName",
                d.path("service_delegation.0.name")
                    .cloned()
                    .unwrap_or_else(Value::unknown),
            )]),
        ),
    ])
    .with_origin(d.origin)
}

fn subnet_props(m: &mut M<'_>, _prefix: &str, base: &str) {
    m.copy("address_prefixes", &format!("{base}.addressPrefixes"));
    if let Some(Data::List(dl)) = m.a("delegation").map(|v| v.data.clone()) {
        let v = Value::list(dl.iter().map(delegation_value).collect());
        m.set(&format!("{base}.delegations"), v, "delegation");
    }
    if let Some(se) = m.a("service_endpoints") {
        let v = match &se.data {
            Data::List(items) => Value::new(
                Data::List(
                    items
                        .iter()
                        .map(|s| obj(&[("service", s.clone())]).with_origin(s.origin))
                        .collect(),
                ),
                se.origin,
            ),
            _ => se.clone(),
        };
        m.set(&format!("{base}.serviceEndpoints"), v, "service_endpoints");
    }
    m.id_list(
        "service_endpoint_policy_ids",
        &format!("{base}.serviceEndpointPolicies"),
    );
    m.copy_or(
        "private_endpoint_network_policies",
        &format!("{base}.privateEndpointNetworkPolicies"),
        "Disabled",
    );
    m.boolean(
        "default_outbound_access_enabled",
        &format!("{base}.defaultOutboundAccess"),
        Some(true),
        false,
    );
}

fn nsg_rule_value(r: &Value) -> Value {
    let mut props = Value::empty_map();
    let pairs = [
        ("priority", "priority"),
        ("direction", "direction"),
        ("access", "access"),
        ("protocol", "protocol"),
        ("source_port_range", "sourcePortRange"),
        ("source_port_ranges", "sourcePortRanges"),
        ("destination_port_range", "destinationPortRange"),
        ("destination_port_ranges", "destinationPortRanges"),
        ("source_address_prefix", "sourceAddressPrefix"),
        ("source_address_prefixes", "sourceAddressPrefixes"),
        ("destination_address_prefix", "destinationAddressPrefix"),
        ("destination_address_prefixes", "destinationAddressPrefixes"),
    ];
    for (tf, arm) in pairs {
        if let Some(v) = r.get(tf).filter(|v| !v.is_null()) {
            props.set_path(arm, v.clone());
        }
    }
    obj(&[
        ("name", r.get("name").cloned().unwrap_or_else(Value::null)),
        ("properties", props),
    ])
    .with_origin(r.origin)
}

fn route_value(r: &Value) -> Value {
    let mut props = Value::empty_map();
    for (tf, arm) in [
        ("address_prefix", "addressPrefix"),
        ("next_hop_type", "nextHopType"),
        ("next_hop_in_ip_address", "nextHopIpAddress"),
    ] {
        if let Some(v) = r.get(tf).filter(|v| !v.is_null()) {
            props.set_path(arm, v.clone());
        }
    }
    obj(&[
        ("name", r.get("name").cloned().unwrap_or_else(Value::null)),
        ("properties", props),
    ])
    .with_origin(r.origin)
}

/// An azapi body: an HCL object (azapi 2.x) or a `jsonencode(...)` string (1.x).
fn decode_body(body: Value) -> Value {
    match &body.data {
        Data::String(s) => match serde_json::from_str::<serde_json::Value>(s) {
            Ok(j) => Value::from_json(
                &j,
                Origin {
                    span: body.span(),
                    kind: OriginKind::Computed,
                    resource: None,
                },
            ),
            Err(_) => Value::unknown_at(body.span()),
        },
        _ => body,
    }
}

fn flatten(v: &Value, prefix: String, out: &mut Vec<(String, Value)>) {
    match &v.data {
        Data::Map(m) if !m.is_empty() => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(x, p, out);
            }
        }
        _ if !prefix.is_empty() => out.push((prefix, v.clone())),
        _ => {}
    }
}

fn azapi(m: &mut M<'_>) {
    if isolint_model::id::type_depth(&m.res.resource_type) >= 2 {
        m.parent("parent_id");
    }
    if let Some(body) = m.a("body").cloned() {
        let site = m.site("body");
        let body = decode_body(body);
        if let Data::Map(entries) = &body.data {
            for (k, v) in entries {
                if matches!(k.as_str(), "name" | "type" | "apiVersion") {
                    continue;
                }
                m.res.body.set_path(k, v.clone());
                m.res.sites.entry(k.clone()).or_insert(site);
            }
        }
    }
}

/// A classic application rule collection written as its own resource. ARM
/// only has them inline in the firewall; this child type keeps the link to
/// the firewall (by `azure_firewall_name`) and the inline shape underneath.
pub const FIREWALL_APP_COLLECTION: &str =
    "Microsoft.Network/azureFirewalls/applicationRuleCollections";

/// Application-rule protocol blocks (`protocol` in classic collections,
/// `protocols` in policy groups) in ARM's `{ protocolType, port }` shape.
fn app_rule_protocols(rule: &Value, key: &str) -> Value {
    let items = rule
        .get(key)
        .and_then(Value::as_list)
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    Value::list(
        items
            .iter()
            .map(|p| {
                obj(&[
                    (
                        "protocolType",
                        p.get("type").cloned().unwrap_or_else(Value::unknown),
                    ),
                    (
                        "port",
                        p.get("port").cloned().unwrap_or_else(Value::unknown),
                    ),
                ])
                .with_origin(p.origin)
            })
            .collect(),
    )
}

/// `azurerm_network_interface`: its IP configurations (subnet, private IP).
fn network_interface(m: &mut M<'_>) {
    if let Some(Data::List(confs)) = m.a("ip_configuration").map(|v| v.data.clone()) {
        let arm: Vec<Value> = confs
            .iter()
            .map(|c| {
                let mut props = vec![(
                    "subnet",
                    obj(&[(
                        "id",
                        c.get("subnet_id").cloned().unwrap_or_else(Value::null),
                    )]),
                )];
                if let Some(ip) = c.get("private_ip_address").filter(|v| !v.is_null()) {
                    props.push(("privateIPAddress", ip.clone()));
                }
                obj(&[
                    ("name", c.get("name").cloned().unwrap_or_else(Value::null)),
                    ("properties", obj(&props)),
                ])
                .with_origin(c.origin)
            })
            .collect();
        m.set(
            "properties.ipConfigurations",
            Value::list(arm),
            "ip_configuration",
        );
    }
}

fn firewall_app_collection(m: &mut M<'_>) {
    m.parent("azure_firewall_name");
    m.copy("priority", "properties.priority");
    m.copy("action", "properties.action.type");
    if let Some(Data::List(rules)) = m.a("rule").map(|v| v.data.clone()) {
        let arm: Vec<Value> = rules
            .iter()
            .map(|r| {
                obj(&[
                    ("name", r.get("name").cloned().unwrap_or_else(Value::null)),
                    (
                        "targetFqdns",
                        r.get("target_fqdns")
                            .cloned()
                            .unwrap_or_else(|| Value::list(Vec::new())),
                    ),
                    (
                        "fqdnTags",
                        r.get("fqdn_tags")
                            .cloned()
                            .unwrap_or_else(|| Value::list(Vec::new())),
                    ),
                    ("protocols", app_rule_protocols(r, "protocol")),
                ])
                .with_origin(r.origin)
            })
            .collect();
        m.set("properties.rules", Value::list(arm), "rule");
    }
}

fn firewall_rule_group(m: &mut M<'_>) {
    m.parent("firewall_policy_id");
    m.copy("priority", "properties.priority");
    let mut collections = Vec::new();
    if let Some(Data::List(apps)) = m.a("application_rule_collection").map(|v| v.data.clone()) {
        for c in &apps {
            let rules: Vec<Value> = c
                .get("rule")
                .and_then(Value::as_list)
                .map(<[Value]>::to_vec)
                .unwrap_or_default()
                .iter()
                .map(|r| {
                    obj(&[
                        ("ruleType", Value::string("ApplicationRule")),
                        ("name", r.get("name").cloned().unwrap_or_else(Value::null)),
                        (
                            "targetFqdns",
                            r.get("destination_fqdns")
                                .cloned()
                                .unwrap_or_else(|| Value::list(Vec::new())),
                        ),
                        (
                            "fqdnTags",
                            r.get("destination_fqdn_tags")
                                .cloned()
                                .unwrap_or_else(|| Value::list(Vec::new())),
                        ),
                        ("protocols", app_rule_protocols(r, "protocols")),
                    ])
                    .with_origin(r.origin)
                })
                .collect();
            collections.push(
                obj(&[
                    (
                        "ruleCollectionType",
                        Value::string("FirewallPolicyFilterRuleCollection"),
                    ),
                    ("name", c.get("name").cloned().unwrap_or_else(Value::null)),
                    (
                        "priority",
                        c.get("priority").cloned().unwrap_or_else(Value::unknown),
                    ),
                    (
                        "action",
                        obj(&[(
                            "type",
                            c.get("action").cloned().unwrap_or_else(Value::unknown),
                        )]),
                    ),
                    ("rules", Value::list(rules)),
                ])
                .with_origin(c.origin),
            );
        }
    }
    if let Some(Data::List(nets)) = m.a("network_rule_collection").map(|v| v.data.clone()) {
        for c in &nets {
            let rules: Vec<Value> = c
                .get("rule")
                .and_then(Value::as_list)
                .map(<[Value]>::to_vec)
                .unwrap_or_default()
                .iter()
                .map(|r| net_rule(r, true))
                .collect();
            collections.push(
                obj(&[
                    (
                        "ruleCollectionType",
                        Value::string("FirewallPolicyFilterRuleCollection"),
                    ),
                    ("name", c.get("name").cloned().unwrap_or_else(Value::null)),
                    (
                        "priority",
                        c.get("priority").cloned().unwrap_or_else(Value::unknown),
                    ),
                    (
                        "action",
                        obj(&[(
                            "type",
                            c.get("action").cloned().unwrap_or_else(Value::unknown),
                        )]),
                    ),
                    ("rules", Value::list(rules)),
                ])
                .with_origin(c.origin),
            );
        }
    }
    if !collections.is_empty() {
        m.set(
            "properties.ruleCollections",
            Value::list(collections),
            "application_rule_collection",
        );
    }
}

/// Classic network rule collections written as their own resource (see [`FIREWALL_APP_COLLECTION`]).
pub const FIREWALL_NET_COLLECTION: &str = "Microsoft.Network/azureFirewalls/networkRuleCollections";

fn net_rule(r: &Value, rule_type: bool) -> Value {
    let mut entries: Vec<(&str, Value)> = vec![
        ("name", r.get("name").cloned().unwrap_or_else(Value::null)),
        (
            "destinationFqdns",
            r.get("destination_fqdns")
                .cloned()
                .unwrap_or_else(|| Value::list(Vec::new())),
        ),
        (
            "destinationAddresses",
            r.get("destination_addresses")
                .cloned()
                .unwrap_or_else(|| Value::list(Vec::new())),
        ),
        (
            "destinationPorts",
            r.get("destination_ports")
                .cloned()
                .unwrap_or_else(|| Value::list(Vec::new())),
        ),
    ];
    if rule_type {
        entries.push(("ruleType", Value::string("NetworkRule")));
        entries.push((
            "ipProtocols",
            r.get("protocols")
                .cloned()
                .unwrap_or_else(|| Value::list(Vec::new())),
        ));
    } else {
        entries.push((
            "protocols",
            r.get("protocols")
                .cloned()
                .unwrap_or_else(|| Value::list(Vec::new())),
        ));
    }
    obj(&entries).with_origin(r.origin)
}

fn firewall_net_collection(m: &mut M<'_>) {
    m.parent("azure_firewall_name");
    m.copy("priority", "properties.priority");
    m.copy("action", "properties.action.type");
    if let Some(Data::List(rules)) = m.a("rule").map(|v| v.data.clone()) {
        let arm: Vec<Value> = rules.iter().map(|r| net_rule(r, false)).collect();
        m.set("properties.rules", Value::list(arm), "rule");
    }
}

fn firewall(m: &mut M<'_>) {
    m.copy("firewall_policy_id", "properties.firewallPolicy.id");
    if let Some(Data::List(ips)) = m.a("ip_configuration").map(|v| v.data.clone()) {
        let arm: Vec<Value> = ips
            .iter()
            .map(|c| {
                let mut props = Value::empty_map();
                if let Some(s) = c.get("subnet_id").filter(|v| !v.is_null()) {
                    props.set_path("subnet.id", s.clone());
                }
                if let Some(ip) = c.get("private_ip_address").filter(|v| !v.is_null()) {
                    props.set_path("privateIPAddress", ip.clone());
                }
                obj(&[
                    ("name", c.get("name").cloned().unwrap_or_else(Value::null)),
                    ("properties", props),
                ])
                .with_origin(c.origin)
            })
            .collect();
        m.set(
            "properties.ipConfigurations",
            Value::list(arm),
            "ip_configuration",
        );
    }
}
