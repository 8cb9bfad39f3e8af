terraform {
  required_providers {
    aws = {
      version = "6.25.0"
      source  = "aws"
    }
  }
  backend "local" {
    path = "../../../terraform.account-b.tfstate"
  }

}

provider "aws" {
  allowed_account_ids = [
    "222222222222"
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

resource "aws_iam_role" "cross_account_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action = "sts:AssumeRole"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/application-ec2-role"
        }
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "unique-external-id-12345"
          }
        }
      },
    ]
  })
  max_session_duration = 3600
  name                 = "cross-account-access-role"
}

resource "aws_iam_role_policy" "cross_account_permissions" {
  name = "cross-account-permissions"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ListBuckets"
        Effect = "Allow"
        Action = [
          "s3:ListAllMyBuckets",
        ]
        Resource = [
          "*",
        ]
      },
    ]
  })
  role = aws_iam_role.cross_account_role.id
}

output "cross_account_role_arn" {
  value       = aws_iam_role.cross_account_role.arn
  description = "Role ARN to pass to AssumeRole from account A's instance"
}

output "external_id" {
  value       = "unique-external-id-12345"
  description = "External ID the trust policy requires (an identifier, not a secret)"
}
