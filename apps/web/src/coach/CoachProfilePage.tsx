import { Page } from '../ui/Page.js';

export default function Placeholder() {
  return <Page title="…">{null}</Page>;
}
