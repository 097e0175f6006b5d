// The Teams SDK's transport seam (IHttpServerAdapter), with no server of its own: the SDK registers
// its handler for POST /api/messages here, and our route (messages-route.ts) on the one shared
// HTTP server calls it. The SDK keeps the protocol (token validation, routing, invoke answers).
import type {
  HttpRouteHandler,
  IHttpServerAdapter,
  IHttpServerRequest,
  IHttpServerResponse,
} from "@microsoft/teams.apps";

export class RouteAdapter implements IHttpServerAdapter {
  private readonly handlers = new Map<string, HttpRouteHandler>();

  registerRoute(method: "POST", path: string, handler: HttpRouteHandler): void {
    this.handlers.set(`${method} ${path}`, handler);
  }

  /** Runs the SDK's handler for this path; throws when the SDK registered none (it is not initialised). */
  handle(path: string, request: IHttpServerRequest): Promise<IHttpServerResponse> {
    const handler = this.handlers.get(`POST ${path}`);
    if (!handler) throw new Error(`the Teams SDK registered no handler for POST ${path}`);
    return handler(request);
  }
}
