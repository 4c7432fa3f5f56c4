param cidr string

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16', '10.5.0.0/16' ]
    }
  }
}

resource vnetMlSnetA 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-a'
  properties: { addressPrefix: '10.0.0.0/24' }
}

resource vnetMlSnetB 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-b'
  properties: { addressPrefix: '10.5.1.0/24' }
}

resource vnetMlSnetC 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-c'
  properties: { addressPrefix: cidr }
}
