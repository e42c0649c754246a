export { personKeys } from './person-keys.ts';
export { PersonsPage } from './pages/persons-page.tsx';
export { RegisterPersonPage } from './pages/register-person-page.tsx';
export { PersonPage } from './pages/person-page.tsx';
