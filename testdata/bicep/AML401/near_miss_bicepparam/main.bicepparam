using './main.bicep'

param addressSpace = '10.20.0.0/16'
