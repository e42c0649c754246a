/** saved-filters: 常用筛选 — the dropdown and "保存当前筛选" of the list pages. */
export { SavedFiltersControl } from './components/saved-filters-control.tsx';
