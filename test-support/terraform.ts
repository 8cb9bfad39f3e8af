/** Tests that need the terraform CLI run only where it is installed, and say so in their names where it is not. */
import { hasTerraform } from "../scripts/docs/terraform";

const available = hasTerraform();

/** `test` where terraform is on the PATH; a skipped test named "(skipped: terraform not on PATH)" elsewhere. */
export function testWithTerraform(
  name: string,
  fn: jest.ProvidesCallback,
): void {
  if (available) test(name, fn);
  else test.skip(`${name} (skipped: terraform not on PATH)`, fn);
}
