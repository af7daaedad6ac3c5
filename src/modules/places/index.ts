// The places module's public surface: what the kiosk and other modules may use.
export { placesNear, publicPlace, type PublicPlace } from './places.service.js';
export { placeKindLabels, type PlaceKind } from './places.js';
export { create as createPlace, importPlaces } from './places-admin.service.js';
