/** The Cloud API's answer to an accepted send; `message_status` only for templates (pacing: always "accepted"). */
export interface SendResponse {
  messaging_product: 'whatsapp';
  contacts: [{ input: string; wa_id: string }];
  messages: [{ id: string; message_status?: 'accepted' | 'held_for_quality_assessment' }];
}

export function sendResponse(input: string, waId: string, wamid: string, template: boolean): SendResponse {
  return {
    messaging_product: 'whatsapp',
    contacts: [{ input, wa_id: waId }],
    messages: [{ id: wamid, ...(template && { message_status: 'accepted' as const }) }],
  };
}
