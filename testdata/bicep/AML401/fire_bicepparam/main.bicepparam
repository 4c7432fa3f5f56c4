using './main.bicep'

param addressSpace = '172.17.0.0/16'
