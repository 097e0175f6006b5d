// Where the bot may send its replies. Every activity names a serviceUrl and the bot posts its
// answer there, so an unchecked one lets any caller point the bot at a host of their choosing.
import { isLoopbackHost } from "../../config/config.ts";

/**
 * The Bot Framework's connector hosts: the public cloud's (smba.trafficmanager.net), the
 * botframework domains (incl. US Government), and Teams' own for GCC, GCC High and DoD.
 */
const EXACT_HOSTS = new Set(["smba.trafficmanager.net"]);
const HOST_SUFFIXES = [
  ".botframework.com",
  ".botframework.us",
  ".botframework.azure.us",
  ".teams.microsoft.com",
  ".teams.microsoft.us",
];

function parse(serviceUrl: string): URL | null {
  try {
    const url = new URL(serviceUrl);
    // Credentials in the URL would travel to whatever host follows the "@".
    return url.username || url.password ? null : url;
  } catch {
    return null;
  }
}

/** Outside local mode: https, on the default port, on one of the Bot Framework's hosts. */
export function isBotFrameworkServiceUrl(serviceUrl: string): boolean {
  const url = parse(serviceUrl);
  if (url?.protocol !== "https:" || url.port !== "") return false;
  const host = url.hostname.toLowerCase();
  return EXACT_HOSTS.has(host) || HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * In local mode nothing proves who sent an activity; keeping replies on this machine (the Agents
 * Playground's own connector) stops an anonymous caller from pointing the bot at other hosts.
 */
export function isLoopbackServiceUrl(serviceUrl: string): boolean {
  const url = parse(serviceUrl);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return false;
  return isLoopbackHost(url.hostname);
}
