/** The sample garage's details, as its Settings sheet holds them once set up: what the templates sign and head with. */
import { DEFAULT_SETTINGS, type GarageSettings } from '../../../core/index.ts';

export const SAMPLE_GARAGE: GarageSettings = {
  ...DEFAULT_SETTINGS,
  garageName: 'Whitfield Motors',
  garageAddress: 'Unit 4, Mill Lane Industrial Estate, Knutsford, WA16 6AA',
  garagePhone: '01565 496000',
  senderMailbox: 'service@whitfield-motors.example',
  smsSender: 'Whitfield',
  bookingLink: 'https://whitfield-motors.example/book',
  signOffName: 'Sarah Whitfield, Service Manager',
  unsubscribeMailbox: 'unsubscribe@whitfield-motors.example',
  smsOptOutNumber: '07400 900555',
};
