/** Assertions on the project's input errors. */
import { InputError } from "../lib/errors";

/** The message of the InputError `run` throws; fails the test when it throws nothing or something else. */
export function inputErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}
