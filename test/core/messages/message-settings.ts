/** A garage with every message setting filled in, for the template and message tests. */
import { DEFAULT_SETTINGS, type GarageSettings } from '../../../core/settings.ts';

export const MESSAGE_SETTINGS: GarageSettings = {
  ...DEFAULT_SETTINGS,
  garageName: 'Harrison Motors',
  garagePhone: '01625 496000',
  garageAddress: '1 Station Road, Macclesfield SK10 4AB',
  senderMailbox: 'service@harrisonmotors.example',
  bookingLink: 'https://harrisonmotors.example/book',
  unsubscribeLink: 'https://harrisonmotors.example/unsubscribe',
  smsOptOutNumber: '07700 900123',
  signOffName: 'Sarah Jones',
};
