param location string
param addressSpace string

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-ml'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [ addressSpace ]
    }
  }

  resource training 'subnets' = {
    name: 'snet-training'
    properties: {
      addressPrefix: cidrSubnet(addressSpace, 24, 1)
    }
  }
}

output subnetId string = vnet::training.id
