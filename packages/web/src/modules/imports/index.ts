/** imports: Excel import dialogs and export buttons shared by the list pages. */
export { ImportButton } from './components/import-button.tsx';
export { ExportButton } from './components/export-button.tsx';
