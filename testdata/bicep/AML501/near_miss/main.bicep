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

resource natMl 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'nat-ml'
  location: 'westeurope'
  sku: { name: 'Standard' }
  properties: {}
}

resource rtFw 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-fw'
  location: 'westeurope'
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.1.0.4'
        }
      }
    ]
  }
}

resource vnetMlSnetTraining 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-training'
  properties: {
    addressPrefix: '10.0.1.0/24'
    natGateway: { id: natMl.id }
  }
}

resource vnetMlSnetRouted 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-routed'
  properties: {
    addressPrefix: '10.0.2.0/24'
    routeTable: { id: rtFw.id }
  }
}

resource vnetMlSnetElsewhere 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-elsewhere'
  properties: {
    addressPrefix: '10.0.3.0/24'
    routeTable: {
      id: '/subscriptions/0000/resourceGroups/hub/providers/Microsoft.Network/routeTables/rt-hub'
    }
  }
}

resource mlwCpuCluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'cpu-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    computeLocation: 'westeurope'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      enableNodePublicIp: false
      subnet: { id: vnetMlSnetTraining.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource mlwRoutedCluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'routed-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    computeLocation: 'westeurope'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      enableNodePublicIp: false
      subnet: { id: vnetMlSnetRouted.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource mlwElsewhereCluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'elsewhere-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    computeLocation: 'westeurope'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      enableNodePublicIp: false
      subnet: { id: vnetMlSnetElsewhere.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource mlwPublicCluster 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlw
  name: 'public-cluster'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    computeLocation: 'westeurope'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      enableNodePublicIp: true
      subnet: { id: vnetMlSnetRouted.id }
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}
