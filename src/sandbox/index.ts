/**
 * The local Slack sandbox (`agentstate dev`): a stand-in for Slack on localhost — the Web API and
 * response_urls the app uses, and a page that renders the app's Block Kit and sends the signed requests
 * Slack would send. The app itself runs unchanged; only SLACK_API_URL and the CXone simulator differ.
 */
export {
  type AnyDevStack,
  type DevDialect,
  type DevStack,
  type DevStackOf,
  type DevStackOptions,
  describeDevStack,
  type RunningApp,
  startDevStack,
} from './dev';
export { ACTORS, AGENT_MEMBER_PREFIX, createDemoWorkspace, MEMBER, SUPERVISOR } from './directory';
export { type SandboxServer, type SandboxServerOptions, startSandboxServer } from './server';
export { type Message, type SandboxUser, Workspace } from './workspace';
