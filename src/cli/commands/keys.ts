// `referral-nudge keys generate` prints a new ENCRYPTION_KEY; `referral-nudge keys rotate` seals every stored
// Slack installation under the current ENCRYPTION_KEY, opening old ones with ENCRYPTION_KEY_PREVIOUS.
// Neither prints a stored secret; generate prints the new key only, for the operator to keep.
import type { Config } from "../../config/config.ts";
import { newKeyText } from "../../config/encryption-key.ts";
import type { Database } from "../../db/database.ts";
import { type SealCounts, sealStoredInstallations } from "../../db/seal-stored-secrets.ts";
import { secretCipherFor } from "../../db/secret-cipher.ts";
import { CliError } from "../cli-services.ts";

export function keysGenerateCommand(print: (line: string) => void = console.log): void {
  print(newKeyText());
  print("Keep it with your other secrets and set it as ENCRYPTION_KEY; it is not stored anywhere else.");
}

export async function keysRotateCommand(config: Config, db: Pick<Database, "prisma">): Promise<SealCounts> {
  const cipher = secretCipherFor(config);
  if (!cipher.enabled) {
    throw new CliError(
      "Set ENCRYPTION_KEY to the new key and ENCRYPTION_KEY_PREVIOUS to the old one, then run keys rotate again.",
    );
  }
  return sealStoredInstallations(db.prisma, cipher);
}
