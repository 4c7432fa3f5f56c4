// Near miss: the NSG on the attached virtual machine's network interface denies all inbound traffic, not outbound; the required outbound flows pass.
resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st'
    keyVault: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'
    applicationInsights: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai'
  }
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

resource vnetMlSnetVms 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-vms'
  properties: {
    addressPrefix: '10.0.2.0/24'
  }
}

resource nsgDsvm 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-dsvm'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-aml-443'
        properties: {
          priority: 100
          direction: 'Outbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '443'
          sourceAddressPrefix: 'VirtualNetwork'
          destinationAddressPrefix: 'AzureMachineLearning'
        }
      }
      {
        name: 'deny-all-in'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: '*'
          destinationAddressPrefix: '*'
        }
      }
    ]
  }
}

resource nicDsvm 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: 'nic-dsvm'
  location: 'westeurope'
  properties: {
    ipConfigurations: [
      {
        name: 'internal'
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: { id: vnetMlSnetVms.id }
        }
      }
    ]
    networkSecurityGroup: { id: nsgDsvm.id }
  }
}

resource dsvm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: 'dsvm'
  location: 'westeurope'
  properties: {
    hardwareProfile: { vmSize: 'Standard_DS3_v2' }
    networkProfile: {
      networkInterfaces: [ { id: nicDsvm.id } ]
    }
  }
}

resource mlwDsvmCompute 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: mlw
  name: 'dsvm-compute'
  location: 'westeurope'
  properties: {
    computeType: 'VirtualMachine'
    resourceId: dsvm.id
  }
}
