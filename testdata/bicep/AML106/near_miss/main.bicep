// Near misses: private endpoints on a private workspace (lower-case 'disabled'
// included); endpoint access from a parameter without default; a public
// endpoint that may not exist (an if condition on a parameter); a public
// endpoint of a public workspace; a public endpoint of a workspace whose
// access is unknown.

param endpoint_access string
param with_endpoint bool
param workspace_access bool

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

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetMlSnetTraining 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-training'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource peWs 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-ws'
        properties: {
          privateLinkServiceId: mlw.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource mlwClosed 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlw
  name: 'closed'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'disabled' }
}

resource mlwUnknownAccess 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlw
  name: 'unknown-access'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: endpoint_access }
}

resource mlwMaybe 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = if (with_endpoint) {
  parent: mlw
  name: 'maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
  }
}

resource mlwPublicPublic 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlwPublic
  name: 'public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    publicNetworkAccess: workspace_access ? 'Enabled' : 'Disabled'
  }
}

resource mlwUnknownOpen 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01' = {
  parent: mlwUnknown
  name: 'open'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' }
}
