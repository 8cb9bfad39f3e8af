terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "aws"
    }
  }
  backend "local" {
    path = "../../../terraform.account-a.tfstate"
  }

}

provider "aws" {
  allowed_account_ids = [
    "111111111111"
  ]
  region = "us-east-1"
  default_tags {
    tags = {
      Project     = "ec2-assume-role"
      ManagedBy   = "cdktf"
      Environment = "production"
    }
  }
}

resource "aws_iam_role" "app_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action = "sts:AssumeRole"
        Effect = "Allow"
        Principal = {
          Service = "ec2.amazonaws.com"
        }
      },
    ]
  })
  name = "application-ec2-role"
  tags = {
    Environment = "production"
  }
}

resource "aws_iam_instance_profile" "app_profile" {
  name = "application-instance-profile"
  role = aws_iam_role.app_role.name
}

resource "aws_iam_role_policy_attachment" "ssm_policy" {
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
  role       = aws_iam_role.app_role.name
}

resource "aws_iam_role_policy" "app_policy" {
  name = "application-permissions"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "S3Access"
        Effect = "Allow"
        Action = [
          "s3:GetObject",
          "s3:PutObject",
          "s3:ListBucket",
        ]
        Resource = [
          aws_s3_bucket.app_bucket.arn,
          "${aws_s3_bucket.app_bucket.arn}/*",
        ]
      },
      {
        Sid    = "DynamoDBAccess"
        Effect = "Allow"
        Action = [
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:Query",
        ]
        Resource = aws_dynamodb_table.app_table.arn
      },
    ]
  })
  role = aws_iam_role.app_role.id
}

resource "aws_iam_role_policy" "assume_cross_account" {
  name = "assume-cross-account-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = "arn:aws:iam::222222222222:role/cross-account-access-role"
      },
    ]
  })
  role = aws_iam_role.app_role.id
}

resource "aws_s3_bucket" "app_bucket" {
  bucket = "application-data-111111111111-us-east-1"
}

resource "aws_s3_bucket_public_access_block" "app_bucket" {
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.app_bucket.id
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "app_bucket" {
  bucket = aws_s3_bucket.app_bucket.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "app_bucket" {
  bucket = aws_s3_bucket.app_bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "app_bucket" {
  bucket = aws_s3_bucket.app_bucket.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "app_bucket" {
  bucket = aws_s3_bucket.app_bucket.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "DenyInsecureTransport"
        Effect = "Deny"
        Principal = {
          AWS = "*"
        }
        Action = "s3:*"
        Resource = [
          aws_s3_bucket.app_bucket.arn,
          "${aws_s3_bucket.app_bucket.arn}/*",
        ]
        Condition = {
          Bool = {
            "aws:SecureTransport" = "false"
          }
        }
      },
    ]
  })
  depends_on = [
    "aws_s3_bucket_public_access_block.app_bucket",
  ]
}

resource "aws_dynamodb_table" "app_table" {
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  name         = "application-table"
  range_key    = "sk"
  attribute {
    name = "pk"
    type = "S"
  }
  attribute {
    name = "sk"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
}

data "aws_ami" "amazon_linux" {
  most_recent = true
  owners = [
    "amazon"
  ]
  filter {
    name = "name"
    values = [
      "al2023-ami-2023.*-kernel-*-x86_64"
    ]
  }
}

resource "aws_vpc" "private" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = "application-server-vpc"
  }
}

resource "aws_default_security_group" "private" {
  tags = {
    Name = "application-server-default-deny-all"
  }
  vpc_id = aws_vpc.private.id
}

resource "aws_subnet" "private" {
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = false
  tags = {
    Name = "application-server-private"
  }
  vpc_id = aws_vpc.private.id
}

resource "aws_route_table" "private" {
  tags = {
    Name = "application-server-private"
  }
  vpc_id = aws_vpc.private.id
}

resource "aws_route_table_association" "private" {
  route_table_id = aws_route_table.private.id
  subnet_id      = aws_subnet.private.id
}

resource "aws_vpc_endpoint" "s3" {
  route_table_ids = [
    "${aws_route_table.private.id}"
  ]
  service_name = "com.amazonaws.us-east-1.s3"
  tags = {
    Name = "application-server-s3"
  }
  vpc_endpoint_type = "Gateway"
  vpc_id            = aws_vpc.private.id
}

resource "aws_vpc_endpoint" "dynamodb" {
  route_table_ids = [
    "${aws_route_table.private.id}"
  ]
  service_name = "com.amazonaws.us-east-1.dynamodb"
  tags = {
    Name = "application-server-dynamodb"
  }
  vpc_endpoint_type = "Gateway"
  vpc_id            = aws_vpc.private.id
}

resource "aws_security_group" "vpc_endpoints" {
  description = "HTTPS from the VPC to the interface endpoints"
  name        = "application-server-vpc-endpoints"
  tags = {
    Name = "application-server-vpc-endpoints"
  }
  vpc_id = aws_vpc.private.id
}

resource "aws_vpc_security_group_ingress_rule" "vpc_endpoints_https_from_vpc" {
  cidr_ipv4         = "10.0.0.0/16"
  description       = "HTTPS from vpc"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.vpc_endpoints.id
  to_port           = 443
}

resource "aws_vpc_endpoint" "ssm" {
  private_dns_enabled = true
  security_group_ids = [
    "${aws_security_group.vpc_endpoints.id}"
  ]
  service_name = "com.amazonaws.us-east-1.ssm"
  subnet_ids = [
    "${aws_subnet.private.id}"
  ]
  tags = {
    Name = "application-server-ssm"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.private.id
}

resource "aws_vpc_endpoint" "ssmmessages" {
  private_dns_enabled = true
  security_group_ids = [
    "${aws_security_group.vpc_endpoints.id}"
  ]
  service_name = "com.amazonaws.us-east-1.ssmmessages"
  subnet_ids = [
    "${aws_subnet.private.id}"
  ]
  tags = {
    Name = "application-server-ssmmessages"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.private.id
}

resource "aws_vpc_endpoint" "ec2messages" {
  private_dns_enabled = true
  security_group_ids = [
    "${aws_security_group.vpc_endpoints.id}"
  ]
  service_name = "com.amazonaws.us-east-1.ec2messages"
  subnet_ids = [
    "${aws_subnet.private.id}"
  ]
  tags = {
    Name = "application-server-ec2messages"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.private.id
}

resource "aws_vpc_endpoint" "sts" {
  private_dns_enabled = true
  security_group_ids = [
    "${aws_security_group.vpc_endpoints.id}"
  ]
  service_name = "com.amazonaws.us-east-1.sts"
  subnet_ids = [
    "${aws_subnet.private.id}"
  ]
  tags = {
    Name = "application-server-sts"
  }
  vpc_endpoint_type = "Interface"
  vpc_id            = aws_vpc.private.id
}

resource "aws_security_group" "app" {
  description = "Instance application-server: no ingress, HTTPS egress only"
  name        = "application-server-instance"
  tags = {
    Name = "application-server-instance"
  }
  vpc_id = aws_vpc.private.id
}

resource "aws_vpc_security_group_egress_rule" "app_https_to_vpc" {
  cidr_ipv4         = "10.0.0.0/16"
  description       = "HTTPS to vpc"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.app.id
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "app_https_to_s3" {
  description       = "HTTPS to s3"
  from_port         = 443
  ip_protocol       = "tcp"
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
  security_group_id = aws_security_group.app.id
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "app_https_to_dynamodb" {
  description       = "HTTPS to dynamodb"
  from_port         = 443
  ip_protocol       = "tcp"
  prefix_list_id    = aws_vpc_endpoint.dynamodb.prefix_list_id
  security_group_id = aws_security_group.app.id
  to_port           = 443
}

resource "aws_instance" "app" {
  ami                         = data.aws_ami.amazon_linux.id
  associate_public_ip_address = false
  iam_instance_profile        = aws_iam_instance_profile.app_profile.name
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.private.id
  tags = {
    Name = "application-server"
  }
  vpc_security_group_ids = [
    "${aws_security_group.app.id}"
  ]
  metadata_options {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
    http_tokens                 = "required"
    instance_metadata_tags      = "enabled"
  }
  root_block_device {
    encrypted   = true
    volume_type = "gp3"
  }
}

output "app_role_arn" {
  value       = aws_iam_role.app_role.arn
  description = "ARN of the role the instance runs as (account B's trust names it)"
}

output "instance_profile_name" {
  value       = aws_iam_instance_profile.app_profile.name
  description = "Instance profile to launch more instances with the same role"
}

output "instance_id" {
  value       = aws_instance.app.id
  description = "The instance; reach it with `aws ssm start-session --target <id>`"
}

output "bucket_name" {
  value       = aws_s3_bucket.app_bucket.bucket
  description = "The application's bucket"
}

output "table_name" {
  value       = aws_dynamodb_table.app_table.name
  description = "The application's table"
}
