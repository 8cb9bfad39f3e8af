import { SecurityRule, attributeAt, resourcesOf, shown } from "../rule";

/** IMDSv2 only, one hop: a stolen SSRF request or a container cannot reach the role's credentials. */
export const IMDSV2_REQUIRED: SecurityRule = {
  id: "EC2-IMDSv2",
  level: "error",
  requirement:
    "Instances require IMDSv2 tokens with a PUT response hop limit of 1",
  explanation:
    'IMDSv1 answers any GET, which an SSRF bug turns into stolen role credentials. Set metadata_options { http_tokens = "required", http_put_response_hop_limit = 1 }.',
  checkov: "CKV_AWS_79",
  check: (context) =>
    resourcesOf(context, "aws_instance", "aws_launch_template").flatMap((r) => {
      const tokens = attributeAt(
        r.attributes,
        "metadata_options",
        "http_tokens",
      );
      const hops = attributeAt(
        r.attributes,
        "metadata_options",
        "http_put_response_hop_limit",
      );
      return [
        ...(tokens === "required"
          ? []
          : [
              {
                address: r.address,
                finding: `MetadataOptions::http_tokens=${shown(tokens)}`,
              },
            ]),
        ...(hops === 1
          ? []
          : [
              {
                address: r.address,
                finding: `MetadataOptions::http_put_response_hop_limit=${shown(hops)}`,
              },
            ]),
      ];
    }),
};
