/** persons: the registry of drug users (吸毒人员) — identity, addresses, contacts, detections, relationships. */
export { PersonsService, type PersonRegisteredListener } from './persons.service.ts';
export { PersonRecordsService } from './person-records.service.ts';
export { personsRoutes } from './persons.routes.ts';
export { seedPersons, type PersonSeed } from './person-seed.ts';
export { findInScope as findPersonInScope, type StoredPerson } from './persons.repository.ts';
export { knownSubstances } from './person-records.repository.ts';
