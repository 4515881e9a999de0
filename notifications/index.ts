export {
  createEmailSender,
  EmailRejectedError,
  EmailTemporaryError,
  type EmailMessage,
  type EmailResult,
  type EmailSender,
} from './email-sender';
export {
  createWebhookSender,
  WebhookRejectedError,
  WebhookTemporaryError,
  type WebhookRequest,
  type WebhookSender,
} from './webhook-sender';
export {
  signWebhookPayload,
  verifyWebhookSignature,
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhook-signature';
