// A failed call to the Bot Framework connector, with its HTTP status and Retry-After, whichever
// HTTP client the Teams library uses underneath (the Teams SDK's is axios): send-with-retry.ts and
// the 403/404 clean-up read `statusCode` and `response.headers`.

export class ConnectorError extends Error {
  readonly code = "TEAMS_CONNECTOR_ERROR";
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly response: { status: number | undefined; headers: Record<string, string> },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface HttpClientError {
  message?: unknown;
  code?: unknown;
  status?: unknown;
  isAxiosError?: unknown;
  response?: { status?: unknown; headers?: unknown };
}

/**
 * The connector's answer (or a failure to reach it) as a ConnectorError; anything else is thrown as
 * it is. The HTTP client's own error is kept only as the non-enumerable `cause`: it holds the request
 * with the bot's bearer token, which a logger must never write.
 */
export function toConnectorError(error: unknown): unknown {
  if (error instanceof ConnectorError || !error || typeof error !== "object") return error;
  const e = error as HttpClientError;
  const status =
    typeof e.response?.status === "number" ? e.response.status : typeof e.status === "number" ? e.status : undefined;
  if (status === undefined) {
    if (e.isAxiosError !== true) return error;
    const reason = typeof e.code === "string" ? e.code : "no answer";
    const noAnswer = { status: undefined, headers: {} };
    return new ConnectorError(`could not reach the Bot Framework connector (${reason})`, undefined, noAnswer, {
      cause: error,
    });
  }
  const headers: Record<string, string> = {};
  const raw = e.response?.headers;
  if (raw && typeof raw === "object") {
    const source =
      typeof (raw as { toJSON?: unknown }).toJSON === "function" ? (raw as { toJSON(): object }).toJSON() : raw;
    for (const [name, value] of Object.entries(source)) {
      if (typeof value === "string" || typeof value === "number") headers[name.toLowerCase()] = String(value);
    }
  }
  return new ConnectorError(
    `the Bot Framework connector answered ${status}`,
    status,
    { status, headers },
    { cause: error },
  );
}

export async function connectorCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toConnectorError(error);
  }
}
