/** A DynamoDB table that can be restored to any second of the last 35 days. */
import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";

/** Inputs of {@link RecoverableTable}. */
export interface RecoverableTableProps {
  /** Table name. */
  readonly tableName: string;
  /** Partition key attribute (a string). */
  readonly partitionKey: string;
  /**
   * Sort key attribute (a string), which lets `Query` read ranges.
   * @default - no sort key
   */
  readonly sortKey?: string;
}

/**
 * An on-demand table with point-in-time recovery and server-side encryption
 * under the AWS managed key, addressed by this construct's id.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
 */
export class RecoverableTable extends Construct {
  /** The underlying `aws_dynamodb_table`. */
  public readonly resource: DynamodbTable;

  public constructor(
    scope: Construct,
    id: string,
    props: RecoverableTableProps,
  ) {
    super(scope, id);
    const keys =
      props.sortKey === undefined
        ? [props.partitionKey]
        : [props.partitionKey, props.sortKey];
    this.resource = new DynamodbTable(this, "Default", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: props.partitionKey,
      rangeKey: props.sortKey,
      attribute: keys.map((name) => ({ name, type: "S" })),
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
    });
  }
}
