// The device wire protocol shared by the API process's device gateway and the SDK (packages/sdk).
export {
  decodeClientFrame,
  decodeReceiptBody,
  decodeServerFrame,
  encodeFrame,
  encodeReceiptBody,
} from './codec';
export { ackCodec } from './codecs/ack';
export type { Codec } from './codecs/codec';
export { errorCodec, pingCodec, pongCodec, queueEmptyCodec } from './codecs/control';
export { deliverCodec, deliverSenderOf } from './codecs/deliver';
export { DIGEST_BYTES, groupDeliverCodec, groupEventCodec, groupSendCodec } from './codecs/group';
export { peerTypingCodec, presenceCodec, presenceSubscribeCodec, typingCodec } from './codecs/presence';
export { readReceiptCodec, receiptCodec } from './codecs/receipt';
export { sendCodec } from './codecs/send';
export { sendErrorCodec, sendOkCodec } from './codecs/send-result';
export { ProtocolError, type ProtocolErrorReason } from './errors';
export * from './frames';
export { devicesDigest } from './group-digest';
export { LIMITS } from './limits';
export { envelopeOverheadBytes } from './overhead';
export { ByteReader } from './reader';
export { isUuid } from './uuid';
export { ByteWriter } from './writer';
