/**
 * A minimal IMDSv2 client that reports raw status codes and timeouts, so the
 * doctor can tell a refused token from a disabled endpoint from a hop limit.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
 */

/** The address the SDK uses too; `AWS_EC2_METADATA_SERVICE_ENDPOINT` overrides it (as it does for the SDK). */
export const DEFAULT_IMDS_ENDPOINT = "http://169.254.169.254";

/** Seconds a session token lives, as the article asks for. */
export const TOKEN_TTL_SECONDS = 21_600;

/** An IMDS answer. */
export interface ImdsResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response body. */
  readonly body: string;
}

/** Thrown when IMDS does not answer in time (the typical sign of a hop limit too low, or no IMDS at all). */
export class ImdsTimeout extends Error {
  public constructor(path: string, timeoutMs: number) {
    super(`no answer from instance metadata ${path} within ${timeoutMs} ms`);
    this.name = "ImdsTimeout";
  }
}

/** Options of {@link ImdsClient}. */
export interface ImdsClientOptions {
  /**
   * Base URL of IMDS.
   * @default - AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254
   */
  readonly endpoint?: string;
  /**
   * Per-request timeout in milliseconds.
   * @default 2000
   */
  readonly timeoutMs?: number;
}

/** Talks to IMDS the IMDSv2 way: PUT for a token, then GETs that carry it. */
export class ImdsClient {
  private readonly endpoint: string;
  private readonly timeoutMs: number;

  public constructor(options: ImdsClientOptions = {}) {
    this.endpoint = (
      options.endpoint ??
      process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ??
      DEFAULT_IMDS_ENDPOINT
    ).replace(/\/$/, "");
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  /** `PUT /latest/api/token`. */
  public token(ttlSeconds = TOKEN_TTL_SECONDS): Promise<ImdsResponse> {
    return this.request("PUT", "/latest/api/token", {
      "X-aws-ec2-metadata-token-ttl-seconds": String(ttlSeconds),
    });
  }

  /** `GET <path>` with the session token. */
  public get(path: string, token: string): Promise<ImdsResponse> {
    return this.request("GET", path, { "X-aws-ec2-metadata-token": token });
  }

  private async request(
    method: string,
    path: string,
    headers: Record<string, string>,
  ): Promise<ImdsResponse> {
    try {
      const response = await fetch(`${this.endpoint}${path}`, {
        method,
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      // A DOMException, which is not an Error subclass on every Node.js version: compare by name.
      const name = (error as { name?: string }).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new ImdsTimeout(path, this.timeoutMs);
      }
      throw error;
    }
  }
}
