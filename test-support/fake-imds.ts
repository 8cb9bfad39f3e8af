/**
 * A fake instance metadata service on 127.0.0.1 for tests: the IMDSv2 token
 * handshake, 401 for a GET without a valid token, and switches for the
 * failures the doctor diagnoses.
 */
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from "node:http";
import { AddressInfo } from "node:net";

/** How the fake behaves. */
export interface FakeImdsOptions {
  /** Answer to the token PUT: a token, an HTTP error, or no answer at all. */
  readonly token?: "ok" | 403 | "hang";
  /** Role of the instance profile; null for an instance without one. */
  readonly role?: string | null;
  /** When the role's credentials expire. */
  readonly expiration?: Date;
  /** `Code` of the credentials document. */
  readonly code?: string;
}

/** A running fake IMDS. */
export interface FakeImds {
  /** Base URL, for `AWS_EC2_METADATA_SERVICE_ENDPOINT`. */
  readonly endpoint: string;
  /** Requests seen, as `METHOD path`. */
  readonly requests: string[];
  /** Stops the server. */
  close(): Promise<void>;
}

const TOKEN = "fake-session-token";

/** Starts a fake IMDS on a free loopback port. */
export async function startFakeImds(
  options: FakeImdsOptions = {},
): Promise<FakeImds> {
  const {
    token = "ok",
    role = "application-ec2-role",
    code = "Success",
  } = options;
  const expiration = options.expiration ?? new Date(Date.now() + 6 * 3600_000);
  const requests: string[] = [];
  const hanging: ServerResponse[] = [];

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const send = (status: number, body = "") => res.writeHead(status).end(body);
    if (req.method === "PUT" && req.url === "/latest/api/token") {
      if (token === "hang") return void hanging.push(res);
      if (token !== "ok") return send(token);
      if (!req.headers["x-aws-ec2-metadata-token-ttl-seconds"])
        return send(400);
      return send(200, TOKEN);
    }
    if (req.headers["x-aws-ec2-metadata-token"] !== TOKEN) return send(401);
    if (req.url === "/latest/meta-data/iam/info") {
      return role === null
        ? send(404)
        : send(
            200,
            JSON.stringify({
              Code: "Success",
              InstanceProfileArn: `arn:aws:iam::111111111111:instance-profile/${role}-profile`,
            }),
          );
    }
    if (req.url === "/latest/meta-data/iam/security-credentials/")
      return role === null ? send(404) : send(200, role);
    if (
      role !== null &&
      req.url === `/latest/meta-data/iam/security-credentials/${role}`
    ) {
      return send(
        200,
        JSON.stringify({
          Code: code,
          Type: "AWS-HMAC",
          AccessKeyId: "ASIAFAKE",
          SecretAccessKey: "fake-secret",
          Token: "fake-token",
          Expiration: expiration.toISOString(),
        }),
      );
    }
    return send(404);
  };

  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
