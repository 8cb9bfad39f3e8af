/**
 * A stack whose Terraform addresses come from construct ids, not construct
 * paths, so they read like hand-written HCL and survive regrouping code.
 */
import {
  TerraformDataSource,
  TerraformElement,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
} from "cdktf";
import { IConstruct, Node } from "constructs";
import { duplicateAddress, unaddressableId } from "./errors";

const ADDRESS_ID = /^[a-z][a-z0-9_]*$/;
const PART_ID = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Resources, data sources and outputs are addressed by their own snake_case
 * id (`aws_iam_role.app_role`), wherever they sit in the construct tree. A
 * PascalCase id marks a part of a construct: it takes the address of its
 * nearest snake_case ancestor (a bucket construct `app_bucket` yields
 * `aws_s3_bucket.app_bucket` and `aws_s3_bucket_versioning.app_bucket`).
 * Two elements with one address, or an id of neither form, fail synthesis.
 */
export class AddressedStack extends TerraformStack {
  public constructor(scope: IConstruct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.addressProblems() });
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    if (!isAddressed(element)) return super.allocateLogicalId(element);
    const named = element.node.scopes
      .slice(element.node.scopes.indexOf(this) + 1)
      .reverse()
      .find((scope) => ADDRESS_ID.test(scope.node.id));
    return named?.node.id ?? super.allocateLogicalId(element);
  }

  private addressProblems(): string[] {
    const elements = this.node.findAll().filter(isAddressed);
    const badIds = elements.flatMap((element) =>
      element.node.scopes
        .slice(element.node.scopes.indexOf(this) + 1)
        .filter(
          (scope) =>
            !ADDRESS_ID.test(scope.node.id) && !PART_ID.test(scope.node.id),
        )
        .map((scope) => unaddressableId(scope.node.path, scope.node.id)),
    );
    const byAddress = new Map<string, string[]>();
    for (const element of elements) {
      const address = addressOf(element);
      byAddress.set(address, [
        ...(byAddress.get(address) ?? []),
        element.node.path,
      ]);
    }
    const duplicates = [...byAddress]
      .filter(([, paths]) => paths.length > 1)
      .map(([address, paths]) => duplicateAddress(address, paths));
    return [...new Set(badIds), ...duplicates];
  }
}

type AddressedElement =
  TerraformResource | TerraformDataSource | TerraformOutput;

function isAddressed(x: unknown): x is AddressedElement {
  return (
    TerraformResource.isTerraformResource(x) ||
    TerraformDataSource.isTerraformDataSource(x) ||
    TerraformOutput.isTerraformOutput(x)
  );
}

/** The Terraform address an element synthesizes to, e.g. `data.aws_ami.amazon_linux`. */
export function addressOf(element: AddressedElement): string {
  if (TerraformOutput.isTerraformOutput(element))
    return `output.${element.friendlyUniqueId}`;
  const prefix = TerraformDataSource.isTerraformDataSource(element)
    ? "data."
    : "";
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}
