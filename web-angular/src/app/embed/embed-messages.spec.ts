import { messagesFor, type EmbedMessageType } from './embed-messages';

describe('embedded page messages', () => {
  const none = new Set<EmbedMessageType>();

  it('says ready with the first status, then each step once', () => {
    expect(messagesFor('invited', false, none)).toEqual(['ready']);
    expect(messagesFor('identifying', false, new Set(['ready']))).toEqual([]);
    expect(messagesFor('identified', false, new Set(['ready']))).toEqual(['identified']);
    expect(messagesFor('edo_accepted', false, new Set(['ready', 'identified']))).toEqual([]);
    expect(messagesFor('signed', false, new Set(['ready', 'identified']))).toEqual(['signed']);
    expect(messagesFor('archived', false, new Set(['ready', 'identified', 'signed']))).toEqual([]);
  });

  it('catches up when the page opens on a later status', () => {
    expect(messagesFor('code_sent', false, none)).toEqual(['ready', 'identified']);
    expect(messagesFor('archived', false, none)).toEqual(['ready', 'identified', 'signed']);
  });

  it('tells declined, and an end without signing as error', () => {
    expect(messagesFor('declined', false, new Set(['ready']))).toEqual(['declined']);
    expect(messagesFor('cancelled', false, new Set(['ready']))).toEqual(['error']);
    expect(messagesFor('expired', false, new Set(['ready']))).toEqual(['error']);
    expect(messagesFor('identification_failed', true, new Set(['ready']))).toEqual(['error']);
    expect(messagesFor('identification_failed', false, new Set(['ready']))).toEqual([]);
  });
});
