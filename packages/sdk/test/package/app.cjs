// The same package from CommonJS: require() finds it and its exports.
const sdk = require('@switchboard/sdk');
const protocol = require('@switchboard/protocol');
console.log(JSON.stringify({ messenger: typeof sdk.Messenger, encodeFrame: typeof protocol.encodeFrame }));
