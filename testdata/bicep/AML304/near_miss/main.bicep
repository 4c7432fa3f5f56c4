// Near misses: image build clusters without public IP behind a NAT gateway and
// behind a firewall route; one with a public IP; one whose public IP setting
// and one whose route prefix come from parameters without default; a
// no-public-IP cluster without outbound path that is not the image build
// compute.

param default_prefix string
param node_public_ip bool

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource ngMl 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'ng-ml'
  location: 'westeurope'
  sku: { name: 'Standard' }
  properties: {}
}

resource rtFirewall 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-firewall'
  location: 'westeurope'
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.0.0.4'
        }
      }
    ]
  }
}

resource rtUnknown 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-unknown'
  location: 'westeurope'
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: default_prefix
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.0.0.4'
        }
      }
    ]
  }
}

resource vnetMlSnetNat 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-nat'
  properties: {
    addressPrefix: '10.0.1.0/24'
    natGateway: { id: ngMl.id }
  }
}

resource vnetMlSnetFirewall 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-firewall'
  properties: {
    addressPrefix: '10.0.2.0/24'
    routeTable: { id: rtFirewall.id }
  }
}

resource vnetMlSnetPlain 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-plain'
  properties: { addressPrefix: '10.0.3.0/24' }
}

resource vnetMlSnetUnknownRoute 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-unknown-route'
  properties: {
    addressPrefix: '10.0.4.0/24'
    routeTable: { id: rtUnknown.id }
  }
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

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource mlwNat 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-nat'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'build'
  }
}

resource mlwNatBuild 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwNat
  name: 'build'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetNat.id }
      enableNodePublicIp: false
    }
  }
}

resource mlwFirewall 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-firewall'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'build'
  }
}

resource mlwFirewallBuild 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwFirewall
  name: 'build'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetFirewall.id }
      enableNodePublicIp: false
    }
  }
}

resource mlwPublicIp 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public-ip'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'build'
  }
}

resource mlwPublicIpBuild 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwPublicIp
  name: 'build'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetPlain.id }
      enableNodePublicIp: true
    }
  }
}

resource mlwUnknownIp 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown-ip'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'build'
  }
}

resource mlwUnknownIpBuild 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwUnknownIp
  name: 'build'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetPlain.id }
      enableNodePublicIp: node_public_ip
    }
  }
}

resource mlwUnknownRoute 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown-route'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'build'
  }
}

resource mlwUnknownRouteBuild 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwUnknownRoute
  name: 'build'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetUnknownRoute.id }
      enableNodePublicIp: false
    }
  }
}

resource mlwOther 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-other'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'build'
  }
}

resource mlwOtherBuild 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwOther
  name: 'build'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetNat.id }
      enableNodePublicIp: false
    }
  }
}

resource mlwOtherTrain 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: mlwOther
  name: 'train'
  location: 'westeurope'
  properties: {
    computeType: 'AmlCompute'
    properties: {
      vmSize: 'Standard_DS3_v2'
      vmPriority: 'Dedicated'
      scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }
      subnet: { id: vnetMlSnetPlain.id }
      enableNodePublicIp: false
    }
  }
}
