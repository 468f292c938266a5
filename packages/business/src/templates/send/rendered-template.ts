/** What a template send becomes once its parameters are filled in: what the business device sends the consumer. */
export interface RenderedTemplate {
  templateId: string;
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  header?: RenderedHeader;
  body: string;
  footer?: string;
  buttons: RenderedButton[];
}

export type RenderedMedia = { id?: string; link?: string; filename?: string };

export type RenderedHeader =
  | { type: 'text'; text: string }
  | { type: 'image' | 'video' | 'document'; media: RenderedMedia }
  | { type: 'location'; location: { latitude: number; longitude: number; name?: string; address?: string } };

export type RenderedButton =
  | { type: 'quick_reply'; index: number; text: string; payload: string }
  | { type: 'url'; index: number; text: string; url: string }
  | { type: 'phone_number'; index: number; text: string; phoneNumber: string }
  | { type: 'copy_code'; index: number; code: string }
  | { type: 'otp'; index: number; text: string; code: string };
