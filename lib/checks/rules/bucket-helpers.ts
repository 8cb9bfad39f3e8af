/** Finding the resources that configure a bucket, for the S3 rules. */
import { ResourceView, RuleContext, resourcesOf } from "../rule";

/** The resources of `type` whose `bucket` refers to the given `aws_s3_bucket` address. */
export function configuring(
  context: RuleContext,
  type: string,
  bucket: ResourceView,
): ResourceView[] {
  const name = bucket.address.split(".")[1];
  const refs = [
    `\${aws_s3_bucket.${name}.id}`,
    `\${aws_s3_bucket.${name}.bucket}`,
    String(bucket.attributes.bucket),
  ];
  return resourcesOf(context, type).filter((r) =>
    refs.includes(String(r.attributes.bucket)),
  );
}

/** Every bucket of the stack. */
export function buckets(context: RuleContext): readonly ResourceView[] {
  return resourcesOf(context, "aws_s3_bucket");
}
