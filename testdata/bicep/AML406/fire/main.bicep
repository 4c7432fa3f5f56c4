resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetMlSnetOutside 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-outside'
  properties: { addressPrefix: '10.1.0.0/24' }
}

resource vnetMlSnetA 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-a'
  properties: { addressPrefix: '10.0.0.0/23' }
}

resource vnetMlSnetB 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-b'
  properties: { addressPrefix: '10.0.1.0/24' }
}
