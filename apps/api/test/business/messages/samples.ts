/** One valid body of every message type (media by uploaded id where given, else by link), as Meta's docs show them. */
export function sampleMessages(
  to: string,
  media: { image: string; pdf: string; ogg: string; mp4: string; webp: string },
) {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  return {
    text: { ...base, type: 'text', text: { preview_url: true, body: 'Here is the link: https://example.com/quest' } },
    textDefaultType: { messaging_product: 'whatsapp', to, text: { body: 'type omitted means text' } },
    imageById: { ...base, type: 'image', image: { id: media.image, caption: 'A caption' } },
    imageByLink: { ...base, type: 'image', image: { link: 'https://example.com/a.png' } },
    video: { ...base, type: 'video', video: { id: media.mp4, caption: 'Watch' } },
    document: { ...base, type: 'document', document: { id: media.pdf, caption: 'Invoice', filename: 'invoice.pdf' } },
    audio: { ...base, type: 'audio', audio: { id: media.ogg } },
    voice: { ...base, type: 'audio', audio: { id: media.ogg, voice: true } },
    sticker: { ...base, type: 'sticker', sticker: { id: media.webp } },
    location: {
      ...base,
      type: 'location',
      location: {
        latitude: '37.44216251868683',
        longitude: -122.16153582049394,
        name: 'Philz Coffee',
        address: '101 Forest Ave',
      },
    },
    contacts: {
      ...base,
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara', last_name: 'Johnson' },
          birthday: '1999-01-23',
          phones: [{ phone: '+19175559999', type: 'Mobile', wa_id: '19175559999' }],
          emails: [{ email: 'bjohnson@luckyshrub.com', type: 'Work' }],
          urls: [{ url: 'https://www.luckyshrub.com', type: 'Company' }],
          addresses: [{ street: '1 Lucky Shrub Way', city: 'Menlo Park', country_code: 'US', type: 'Office' }],
          org: { company: 'Lucky Shrub', title: 'Lead Counsel' },
        },
      ],
    },
    reaction: {
      ...base,
      type: 'reaction',
      reaction: { message_id: 'wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQUZCMTY0MDc2MUYwNzBDNTY5MAA=', emoji: '\uD83D\uDE00' },
    },
    unreact: {
      ...base,
      type: 'reaction',
      reaction: { message_id: 'wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQUZCMTY0MDc2MUYwNzBDNTY5MAA=', emoji: '' },
    },
    buttons: {
      ...base,
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'image', image: { id: media.image } },
        body: { text: 'Your workshop is at 9am tomorrow.' },
        footer: { text: 'Lucky Shrub' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'change-button', title: 'Change' } },
            { type: 'reply', reply: { id: 'cancel-button', title: 'Cancel' } },
          ],
        },
      },
    },
    list: {
      ...base,
      type: 'interactive',
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Choose Shipping Option' },
        body: { text: 'Which shipping option do you prefer?' },
        footer: { text: 'Lucky Shrub' },
        action: {
          button: 'Shipping Options',
          sections: [
            {
              title: 'I want it ASAP!',
              rows: [{ id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' }],
            },
            {
              title: 'I can wait a bit',
              rows: [{ id: 'usps_ground', title: 'USPS Ground Advantage', description: '2–5 Days' }],
            },
          ],
        },
      },
    },
    ctaUrl: {
      ...base,
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        header: { type: 'text', text: 'New dates' },
        body: { text: 'Tap the button below to see available dates.' },
        action: { name: 'cta_url', parameters: { display_text: 'See Dates', url: 'https://www.luckyshrub.com/dates' } },
      },
    },
    locationRequest: {
      ...base,
      type: 'interactive',
      interactive: {
        type: 'location_request_message',
        body: { text: 'Let us start with your pickup.' },
        action: { name: 'send_location' },
      },
    },
    reply: {
      ...base,
      type: 'text',
      context: { message_id: 'wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQUZCMTY0MDc2MUYwNzBDNTY5MAA=' },
      text: { body: 'A reply' },
    },
  } as Record<string, Record<string, unknown>>;
}
