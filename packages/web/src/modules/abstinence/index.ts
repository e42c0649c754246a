/** 戒断三年未复吸: candidates, proposals, the office's decisions and the restricted archive. */
export { AbstinencePage } from './pages/abstinence-page.tsx';
