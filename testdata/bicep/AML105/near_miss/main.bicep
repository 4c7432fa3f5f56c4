// Near misses: a managed-network workspace whose cluster names no subnet, and
// a subnet cluster that may not exist (an if condition on a parameter);
// customer-VNet workspaces (isolation mode Disabled) with subnet compute and
// serverless compute in a subnet; an isolation mode from a parameter without
// default; a managed-network workspace whose serverless subnet comes from a
// parameter without default.

param vnet_compute bool
param isolation_mode string
param serverless_subnet_id string

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

resource mlwManaged 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-managed'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    managedNetwork: { isolationMode: 'AllowInternetOutbound' }
  }
}

resource mlwManagedCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwManaged
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
    }
  }
}

resource mlwManagedMaybe 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = if (vnet_compute) {
  parent: mlwManaged
  name: 'maybe'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetTraining.id }
    }
  }
}

resource mlwCustomer 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-customer'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    managedNetwork: { isolationMode: 'Disabled' }
  }
}

resource mlwCustomerCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwCustomer
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetTraining.id }
    }
  }
}

resource mlwCustomerServerless 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-customer-serverless'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    managedNetwork: { isolationMode: 'Disabled' }
    serverlessComputeSettings: {
      serverlessComputeCustomSubnet: vnetMlSnetTraining.id
      serverlessComputeNoPublicIP: false
    }
  }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    managedNetwork: { isolationMode: isolation_mode }
    serverlessComputeSettings: {
      serverlessComputeCustomSubnet: vnetMlSnetTraining.id
      serverlessComputeNoPublicIP: false
    }
  }
}

resource mlwUnknownCpu 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwUnknown
  name: 'cpu'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetTraining.id }
    }
  }
}

resource mlwServerlessUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-serverless-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    managedNetwork: { isolationMode: 'AllowInternetOutbound' }
    serverlessComputeSettings: {
      serverlessComputeCustomSubnet: serverless_subnet_id
      serverlessComputeNoPublicIP: false
    }
  }
}
