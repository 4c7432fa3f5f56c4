// The private endpoint of the Azure Monitor private link scope that holds the
// workspace's Application Insights attaches only
// privatelink.monitor.azure.com; the oms, ods, agentsvc and blob zones are
// missing.

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetMlSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-pe'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource kvMl 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource logMl 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-ml'
  location: 'westeurope'
  properties: {
    sku: { name: 'PerGB2018' }
  }
}

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logMl.id }
}

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource amplsMl 'Microsoft.Insights/privateLinkScopes@2021-07-01-preview' = {
  name: 'ampls-ml'
  location: 'global'
  properties: {
    accessModeSettings: { ingestionAccessMode: 'Open', queryAccessMode: 'Open' }
  }
}

resource amplsMlAppiMl 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-07-01-preview' = {
  parent: amplsMl
  name: 'appi-ml'
  properties: { linkedResourceId: appiMl.id }
}

resource privatelinkMonitorAzureCom 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.monitor.azure.com'
  location: 'global'
  properties: {}
}

resource privatelinkMonitorAzureComLinkVnetMl 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privatelinkMonitorAzureCom
  name: 'link-vnet-ml'
  location: 'global'
  properties: {
    virtualNetwork: { id: vnetMl.id }
    registrationEnabled: false
  }
}

resource peAmpls 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ampls'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-ampls'
        properties: {
          privateLinkServiceId: amplsMl.id
          groupIds: [ 'azuremonitor' ]
        }
      }
    ]
  }
}

resource peAmplsDefault 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: peAmpls
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'zone0'
        properties: { privateDnsZoneId: privatelinkMonitorAzureCom.id }
      }
    ]
  }
}
