// Two workspaces with a workspace private endpoint that keep public network
// access: one by the provider default (attribute absent), one explicitly.

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

resource mlwExplicit 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-explicit'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    publicNetworkAccess: 'Enabled'
  }
}

resource peExplicit 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-explicit'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-explicit'
        properties: {
          privateLinkServiceId: mlwExplicit.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}
