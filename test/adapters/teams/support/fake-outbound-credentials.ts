// Stands in for Microsoft's login service when the bot is signed in: its replies carry a made-up
// bearer token, so they reach the local fake connector (which reads none) instead of failing to get one.
import { ServiceClientCredentialsFactory } from "botframework-connector";

type Credentials = Awaited<ReturnType<ServiceClientCredentialsFactory["createCredentials"]>>;
type Request = Parameters<Credentials["signRequest"]>[0];

export class FakeOutboundCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<Credentials> {
    return {
      async signRequest(request: Request) {
        request.headers.set("authorization", "Bearer fake-outbound-token");
        return request;
      },
    };
  }
}
