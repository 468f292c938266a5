/** Nest injection token for the BlobStorage under ATTACHMENTS_DIR (opaque ciphertext only). */
export const ATTACHMENT_STORAGE = Symbol('AttachmentStorage');
