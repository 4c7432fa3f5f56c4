resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'
    applicationInsights: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai'
  }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {}
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

resource vnetMlSnetEndpoints 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-endpoints'
  properties: { addressPrefix: '10.0.9.0/24' }
}

resource peWs 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetEndpoints.id }
    privateLinkServiceConnections: [
      {
        name: 'amlworkspace'
        properties: {
          privateLinkServiceId: mlw.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource vnetOther 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-other'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.7.0.0/16' ]
    }
  }
}

resource vnetOtherSnetOther 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetOther
  name: 'snet-other'
  properties: { addressPrefix: '10.7.1.0/24' }
}

resource mlwCiDev 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'ci-dev'
  location: 'westeurope'
  properties: {
    computeType: 'ComputeInstance'
    properties: {
      vmSize: 'Standard_DS3_v2'
      subnet: { id: vnetOtherSnetOther.id }
    }
  }
}
